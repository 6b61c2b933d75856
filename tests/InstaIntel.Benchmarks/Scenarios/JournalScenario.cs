using System.Diagnostics;
using Akka.Actor;
using InstaIntel.Actors.Accounts;
using InstaIntel.Benchmarks.Hosting;
using InstaIntel.Benchmarks.Runner;
using InstaIntel.Storage;
using InstaIntel.Testing;

namespace InstaIntel.Benchmarks.Scenarios;

/// <summary>
/// Events persisted per second by account entities through Akka.Persistence.Sql (which batches concurrent writes)
/// vs plain linq2db inserts of the very same rows, on SQLite and PostgreSQL. Each entity persists one
/// <see cref="RequestReserved"/> at a time (it waits for the reply), as it does when its children make requests.
/// </summary>
public sealed class JournalScenario : IScenario
{
    private const int Entities = 100;
    private const double Target = 0.5;

    public string Name => "journal";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = new List<Measurement>();
        var counters = new Dictionary<string, double>();
        var notes = new List<string>
        {
            $"{Entities} entities, each waiting for each reply (Persist, not PersistAsync); SQLite 100 events each, PostgreSQL 100; " +
            $"baseline: the same rows re-inserted by {Entities} linq2db writers, one INSERT per row.",
        };
        foreach (var engine in new[] { DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql })
        {
            // Enough events for seconds of writing on each engine (30 on SQLite gave a ratio that moved by 10 points between runs).
            const int eventsPerEntity = 100;
            await using var database = await TestDatabase.CreateAsync(engine);
            await using var node = await BenchNode.StartAsync(database.Storage, new Dictionary<string, string?>
            {
                // Only the journal is measured: no snapshot, no tick, a budget that never defers.
                ["InstaIntel:Accounts:SnapshotEvery"] = "1000000000",
                ["InstaIntel:Accounts:TickInterval"] = "01:00:00",
                ["InstaIntel:Accounts:Budget:RequestsPerWindow"] = "1000000000",
            });
            var region = await node.RegionAsync();
            var usernames = Enumerable.Range(0, Entities).Select(i => $"journal_{i:D4}").ToList();
            await Task.WhenAll(usernames.Select(u => region.Ask<IAccountReply>(new CreateAccount(u, ContinuousProcessingEnabled: false), TimeSpan.FromSeconds(60))));
            // Warm-up: every entity's write path (and the plugin's batching stream) is hot before the clock runs.
            await ReserveAsync(region, usernames, 3);

            var sample = RuntimeCounters.Start();
            var clock = Stopwatch.StartNew();
            await ReserveAsync(region, usernames, eventsPerEntity);
            clock.Stop();
            var taken = sample.Stop();
            var ours = Entities * eventsPerEntity / clock.Elapsed.TotalSeconds;

            var written = (await RawJournal.ReadAsync(database.Storage, usernames.Select(AccountEntity.PersistenceIdFor).ToList()))
                .Where(r => r.Manifest is not null && r.Manifest.Contains("request-reserved", StringComparison.Ordinal))
                .OrderBy(r => r.Ordering).TakeLast(Entities * eventsPerEntity).ToList();
            if (written.Count != Entities * eventsPerEntity)
                throw new InvalidOperationException($"expected {Entities * eventsPerEntity} request-reserved rows in the journal, found {written.Count}");
            var raw = Stopwatch.StartNew();
            var inserted = await RawJournal.InsertCopiesAsync(database.Storage, written, "raw-", Entities);
            raw.Stop();
            var baseline = inserted / raw.Elapsed.TotalSeconds;

            rows.Add(Measurement.AgainstBaseline($"{engine}: events persisted/s", ours, baseline, "ev/s", Target));
            foreach (var (key, value) in taken)
                counters[$"{engine}.{key}"] = value;
        }
        return new ScenarioReport(Name, rows, counters, notes, Stopwatch.GetElapsedTime(started));
    }

    private static Task ReserveAsync(IActorRef region, IReadOnlyList<string> usernames, int perEntity) =>
        Task.WhenAll(usernames.Select(async u =>
        {
            for (var i = 0; i < perEntity; i++)
            {
                var reply = await region.Ask<IAccountReply>(new ReserveRequest(u), TimeSpan.FromSeconds(60));
                if (reply is not RequestGranted)
                    throw new InvalidOperationException($"{u}: expected RequestGranted, got {reply}");
            }
        }));
}
