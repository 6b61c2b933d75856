using System.Diagnostics;
using Akka.Actor;
using InstaIntel.Actors.Accounts;
using InstaIntel.Benchmarks.Hosting;
using InstaIntel.Benchmarks.Runner;
using InstaIntel.Storage;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Benchmarks.Scenarios;

/// <summary>
/// Accounts created (activated) on a node (the 10,000; INSTAINTEL_BENCH_ENTITIES sets another count), each given a snapshot and
/// one event after it, then the node restarted: remember-entities brings every account back and each recovers snapshot +
/// event (and checks its row, in batches, writing nothing when it is current). Activations/s, recoveries/s and the managed memory each idle entity holds, on PostgreSQL.
/// Baselines: linq2db inserts of the same AccountCreated rows, and linq2db reads of each account's snapshot and
/// later events (recovery's I/O without the plugin or the actor).
/// </summary>
public sealed class EntitiesScenario : IScenario
{
    private static readonly int Accounts = int.TryParse(Environment.GetEnvironmentVariable("INSTAINTEL_BENCH_ENTITIES"), out var n) ? n : 10_000;
    private const int InFlight = 200;

    public string Name => "entities";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = new Dictionary<string, string?>
        {
            // A snapshot at the second event: every account recovers from a snapshot plus one event.
            ["InstaIntel:Accounts:SnapshotEvery"] = "2",
            ["InstaIntel:Accounts:TickInterval"] = "01:00:00",
            ["InstaIntel:Accounts:Budget:RequestsPerWindow"] = "1000000000",
        };
        var usernames = Enumerable.Range(0, Accounts).Select(i => $"entity_{i:D5}").ToList();
        var persistenceIds = usernames.Select(AccountEntity.PersistenceIdFor).ToList();
        var rows = new List<Measurement>();
        var counters = new Dictionary<string, double>();
        var notes = new List<string>();
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);

        double activations, bytesPerEntity;
        await using (var node = await BenchNode.StartAsync(database.Storage, settings))
        {
            var region = await node.RegionAsync();
            await AskAllAsync(region, usernames.Take(50), u => new CreateAccount(u + "_warm"));
            var before = Settle();
            var sample = RuntimeCounters.Start();
            var clock = Stopwatch.StartNew();
            await AskAllAsync(region, usernames, u => new CreateAccount(u), reply => reply is AccountView);
            clock.Stop();
            foreach (var (key, value) in sample.Stop()) counters[$"activation.{key}"] = value;
            activations = Accounts / clock.Elapsed.TotalSeconds;

            await AskAllAsync(region, usernames, u => new ReserveRequest(u), reply => reply is RequestGranted);
            await AskAllAsync(region, usernames, u => new ReserveRequest(u), reply => reply is RequestGranted);
            await WaitForSnapshotsAsync(database.Storage, persistenceIds);
            bytesPerEntity = (Settle() - before) / (double)Accounts;

            // The plugin's floor: bare persistent actors with journals of the same shape, recovered on the next node.
            await ForAllAsync(usernames, async u =>
            {
                var bare = node.System.ActorOf(BarePersistentActor.Props(BareIdFor(u)));
                await bare.Ask<BarePersistentActor.Seeded>(new BarePersistentActor.Seed(), TimeSpan.FromMinutes(5));
                node.System.Stop(bare);
            });
        }

        var createdRows = (await RawJournal.ReadAsync(database.Storage, persistenceIds)).Where(r => r.SequenceNumber == 1).ToList();
        var rawInsert = Stopwatch.StartNew();
        var inserted = await RawJournal.InsertCopiesAsync(database.Storage, createdRows, "raw-", InFlight);
        rawInsert.Stop();
        rows.Add(Measurement.Info("activations/s (create, persist, project)", activations, inserted / rawInsert.Elapsed.TotalSeconds, "/s"));

        double recoveries, bytesAfterRecovery, bareRecoveries;
        await using (var node = await BenchNode.StartAsync(database.Storage, settings))
        {
            var region = await node.RegionAsync();
            var before = Settle();
            var sample = RuntimeCounters.Start();
            var clock = Stopwatch.StartNew();
            // Remember-entities is already starting them; asking each one waits until it has recovered.
            await AskAllAsync(region, usernames, u => new GetAccount(u), reply => reply is AccountView { SequenceNr: 3 });
            clock.Stop();
            foreach (var (key, value) in sample.Stop()) counters[$"recovery.{key}"] = value;
            recoveries = Accounts / clock.Elapsed.TotalSeconds;
            bytesAfterRecovery = (Settle() - before) / (double)Accounts;
            var bareClock = Stopwatch.StartNew();
            await ForAllAsync(usernames, async u =>
            {
                var bare = node.System.ActorOf(BarePersistentActor.Props(BareIdFor(u)));
                var sequenceNr = await bare.Ask<long>(new BarePersistentActor.Ping(), TimeSpan.FromMinutes(5));
                if (sequenceNr != 3) throw new InvalidOperationException($"{u}: the bare actor recovered to {sequenceNr}, not 3");
                node.System.Stop(bare);
            });
            bareClock.Stop();
            bareRecoveries = Accounts / bareClock.Elapsed.TotalSeconds;
            // A window to take a heap dump of the recovered node (dotnet-gcdump collect -p <pid>): what an idle entity holds.
            if (int.TryParse(Environment.GetEnvironmentVariable("INSTAINTEL_BENCH_HOLD_S"), out var hold) && hold > 0)
            {
                Console.WriteLine($"   holding the recovered node for {hold} s (pid {Environment.ProcessId})");
                await Task.Delay(TimeSpan.FromSeconds(hold), cancellationToken);
            }
        }
        var rawRead = Stopwatch.StartNew();
        await RawJournal.ReadRecoveriesAsync(database.Storage, persistenceIds, 50);
        rawRead.Stop();

        rows.Add(Measurement.AgainstBound("PostgreSql: recoveries/s (snapshot + 1 event)", recoveries, Accounts / rawRead.Elapsed.TotalSeconds, "/s", 2_000, Better.Higher));
        rows.Add(Measurement.Info("recoveries/s: ours vs a bare PersistentActor on the same plugin (its floor)", recoveries, bareRecoveries, "/s"));
        rows.Add(Measurement.AgainstBound("managed memory per idle entity", bytesPerEntity / 1024, null, "KB", 10, Better.Lower));
        rows.Add(Measurement.Info("managed memory per entity after recovery", bytesAfterRecovery / 1024, null, "KB", Better.Lower));
        notes.Add($"{Accounts} accounts on PostgreSQL, {InFlight} asks in flight; memory = GC heap after a full collection, " +
                  "difference before/after, divided by the accounts (the entity, the shard's bookkeeping; children are made when first needed, so an account that has not run holds none).");
        notes.Add("recovery baseline: linq2db reads of each account's latest snapshot and later events, one account's reads at a time on each of 50 connections (Akka's default max-concurrent-recoveries).");
        notes.Add("plugin floor: one bare persistent actor per account (no sharding, no projection, no logic), journal of the same shape " +
                  "(2 events, snapshot, 1 event), recovered on the restarted node with the same asks in flight, through the node's journal " +
                  "and snapshot store (Akka.Persistence.Sql with batched recovery reads): what the persistence layer itself allows.");
        return new ScenarioReport(Name, rows, counters, notes, Stopwatch.GetElapsedTime(started));
    }

    private static string BareIdFor(string username) => $"bare-{username}";

    private static Task ForAllAsync(IEnumerable<string> usernames, Func<string, Task> action) =>
        Parallel.ForEachAsync(usernames, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (u, _) => await action(u));

    private static long Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task AskAllAsync(IActorRef region, IEnumerable<string> usernames, Func<string, IAccountCommand> command, Func<IAccountReply, bool>? expected = null)
    {
        var answered = 0;
        var clock = Stopwatch.StartNew();
        using var progress = new Timer(_ => Console.WriteLine($"   {clock.Elapsed.TotalSeconds:0}s: {Volatile.Read(ref answered)} answered"), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        await ForAllAsync(usernames, async u =>
        {
            var reply = await region.Ask<IAccountReply>(command(u), TimeSpan.FromMinutes(5));
            if (expected is not null && !expected(reply))
                throw new InvalidOperationException($"{u}: unexpected reply {reply}");
            Interlocked.Increment(ref answered);
        });
    }

    private static async Task WaitForSnapshotsAsync(StorageOptions storage, IReadOnlyList<string> persistenceIds)
    {
        // Snapshots are saved after the reply; count them before the node stops.
        await using var db = RawJournal.Open(storage);
        for (var i = 0; i < 600; i++)
        {
            var count = await db.GetTable<SnapshotRow>().Where(s => s.PersistenceId.StartsWith("account-entity_")).Select(s => s.PersistenceId).Distinct().CountAsync();
            if (count >= persistenceIds.Count) return;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the snapshots were not all saved within a minute");
    }
}
