using Akka.Actor;
using Akka.Persistence;
using InstaIntel.Storage;
using InstaIntel.Testing;
using LinqToDB.Async;
using LinqToDB.Data;

namespace InstaIntel.Actors.Tests.Persistence;

/// <summary>
/// The node's journal and snapshot store (<c>RecoveryBatchingSqlJournal</c>, <c>RecoveryBatchingSqlSnapshotStore</c>)
/// on a real database: many actors with every kind of history recover at once, so their reads share batches, and each
/// must get exactly its own snapshot, events and sequence number; many write at once (batched on SQLite) and each
/// must find its own events in its own order. Run once per engine by the subclasses below.
/// </summary>
public abstract class RecoveryBatchingSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const int Actors = 120;
    // Above the plugin's replay-batch-size (1,000): such a replay pages through the plugin's own stream.
    private const int LongHistory = 1_050;

    private readonly TestDatabase _database;
    private readonly HostedActorSystem _hosted;

    protected RecoveryBatchingSpec(DatabaseEngine engine) : this(Prepare(engine)) { }

    private RecoveryBatchingSpec((TestDatabase Database, HostedActorSystem Hosted) prepared) : base(prepared.Hosted.System)
    {
        _database = prepared.Database;
        _hosted = prepared.Hosted;
    }

    private static (TestDatabase, HostedActorSystem) Prepare(DatabaseEngine engine)
    {
        var database = TestDatabase.CreateAsync(engine, migrate: true).GetAwaiter().GetResult();
        return (database, HostedActorSystem.Start(database.Storage));
    }

    /// <summary>What each kind of history must recover to: the snapshot, the events replayed after it, the last sequence number.</summary>
    private static Diary.Recovered Expected(int index) => (index % 6) switch
    {
        0 => new Diary.Recovered(Id(index), null, ["e1", "e2", "e3"], 3),
        1 => new Diary.Recovered(Id(index), "e1,e2", ["e3", "e4"], 4),
        2 => new Diary.Recovered(Id(index), null, ["e3", "e4"], 4),
        3 => new Diary.Recovered(Id(index), null, [], 0),
        4 => new Diary.Recovered(Id(index), "e1,e2", [], 2),
        _ => index == 5
            ? new Diary.Recovered(Id(index), null, Enumerable.Range(1, LongHistory).Select(n => $"e{n}").ToList(), LongHistory)
            : new Diary.Recovered(Id(index), "e1", ["e2"], 2),
    };

    private static string Id(int index) => $"diary-{index}";

    private void Write(int index)
    {
        var diary = Sys.ActorOf(Diary.Props(Id(index), TestActor));
        ExpectMsg<Diary.Recovered>();
        void Do(object command) { diary.Tell(command); ExpectMsg<Diary.Done>(); }
        switch (index % 6)
        {
            case 0: Do(new Diary.Write("e1", "e2", "e3")); break;
            case 1: Do(new Diary.Write("e1", "e2")); Do(new Diary.Snap()); Do(new Diary.Write("e3", "e4")); break;
            case 2: Do(new Diary.Write("e1", "e2", "e3", "e4")); Do(new Diary.DeleteUpTo(2)); break;
            case 3: break;
            case 4: Do(new Diary.Write("e1", "e2")); Do(new Diary.Snap()); Do(new Diary.DeleteUpTo(2)); break;
            default:
                if (index == 5) Do(new Diary.Write(Enumerable.Range(1, LongHistory).Select(n => $"e{n}").ToArray()));
                else { Do(new Diary.Write("e1")); Do(new Diary.Snap()); Do(new Diary.Write("e2")); }
                break;
        }
        Watch(diary);
        Sys.Stop(diary);
        ExpectTerminated(diary);
    }

    private Dictionary<string, Diary.Recovered> RecoverAllAtOnce(IEnumerable<int> indexes, out Dictionary<string, IActorRef> diaries)
    {
        diaries = indexes.ToDictionary(Id, i => Sys.ActorOf(Diary.Props(Id(i), TestActor)));
        return ReceiveN(diaries.Count, TimeSpan.FromSeconds(60)).Cast<Diary.Recovered>().ToDictionary(r => r.PersistenceId);
    }

    [Fact]
    public void Actors_recovering_together_each_get_their_own_snapshot_events_and_sequence_number()
    {
        for (var i = 0; i < Actors; i++) Write(i);

        var recovered = RecoverAllAtOnce(Enumerable.Range(0, Actors), out var diaries);

        for (var i = 0; i < Actors; i++)
        {
            var expected = Expected(i);
            var actual = recovered[Id(i)];
            Assert.Equal(expected.FromSnapshot, actual.FromSnapshot);
            Assert.Equal(expected.Replayed, actual.Replayed);
            Assert.Equal(expected.LastSequenceNr, actual.LastSequenceNr);
        }
        // The highest sequence number read in a batch is the one the actor writes after: no gap, no overwrite.
        for (var i = 0; i < Actors; i += 7)
        {
            diaries[Id(i)].Tell(new Diary.Write("next"));
            Assert.Equal(Expected(i).LastSequenceNr + 1, ExpectMsg<Diary.Done>().SequenceNr);
        }
    }

    [Fact]
    public async Task An_event_that_cannot_be_read_fails_only_its_own_actors_recovery()
    {
        for (var i = 0; i < 30; i++) Write(i);
        await using (var db = _database.Factory().Open())
            // No serializer has this id: the row cannot be deserialized.
            await db.ExecuteAsync("UPDATE journal SET identifier = 9999 WHERE persistence_id = 'diary-1' AND sequence_number = 4");

        var watcher = CreateTestProbe();
        var broken = Sys.ActorOf(Diary.Props(Id(1), TestActor));
        watcher.Watch(broken);
        var recovered = RecoverAllAtOnce(Enumerable.Range(0, 30).Where(i => i != 1), out _);

        watcher.ExpectTerminated(broken); // a persistent actor stops when its recovery fails
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // and never reports a recovery
        foreach (var i in Enumerable.Range(0, 30).Where(i => i != 1))
        {
            Assert.Equal(Expected(i).Replayed, recovered[Id(i)].Replayed);
            Assert.Equal(Expected(i).LastSequenceNr, recovered[Id(i)].LastSequenceNr);
        }
    }

    [Fact]
    public void Actors_writing_at_once_store_every_event_in_order_and_an_unserializable_event_is_rejected_alone()
    {
        const int writers = 40, events = 15;
        var diaries = Enumerable.Range(0, writers).Select(i => Sys.ActorOf(Diary.Props($"writer-{i}", TestActor))).ToList();
        ReceiveN(writers, TimeSpan.FromSeconds(30)); // each reports its (empty) recovery
        // Every actor's events interleaved with everyone else's, all sent at once: their writes meet in the journal.
        for (var n = 1; n <= events; n++)
            foreach (var diary in diaries) diary.Tell(new Diary.Write($"e{n}"));
        diaries[7].Tell(new Diary.WriteUnserializable());

        var replies = ReceiveN(writers * events + 1, TimeSpan.FromSeconds(60));
        Assert.Equal(writers * events, replies.OfType<Diary.Done>().Count());
        Assert.Equal("writer-7", Assert.Single(replies.OfType<Diary.Rejected>()).PersistenceId);
        foreach (var diary in diaries)
        {
            Watch(diary);
            Sys.Stop(diary);
            ExpectTerminated(diary);
        }

        var again = Enumerable.Range(0, writers).ToDictionary(i => $"writer-{i}", i => Sys.ActorOf(Diary.Props($"writer-{i}", TestActor)));
        var recovered = ReceiveN(writers, TimeSpan.FromSeconds(60)).Cast<Diary.Recovered>().ToList();
        var expected = Enumerable.Range(1, events).Select(n => $"e{n}").ToList();
        Assert.All(recovered, r =>
        {
            Assert.Equal(expected, r.Replayed);
            Assert.Equal(events, r.LastSequenceNr);
        });
        Assert.Equal(again.Keys.Order(), recovered.Select(r => r.PersistenceId).Order());
    }

    [Fact]
    public void An_old_incarnation_cannot_write_beside_a_new_one_so_replays_need_no_filter()
    {
        // Two live actors with one persistence id, as a split brain would leave them: the journal must keep one history.
        var old = Sys.ActorOf(Diary.Props("twin", TestActor));
        ExpectMsg<Diary.Recovered>();
        old.Tell(new Diary.Write("a1", "a2"));
        Assert.Equal(2, ExpectMsg<Diary.Done>().SequenceNr);
        var young = Sys.ActorOf(Diary.Props("twin", TestActor));
        Assert.Equal(2, ExpectMsg<Diary.Recovered>().LastSequenceNr);
        young.Tell(new Diary.Write("b3"));
        Assert.Equal(3, ExpectMsg<Diary.Done>().SequenceNr);

        // The old one's next event takes sequence number 3 too: the journal refuses it and the actor stops.
        Watch(old);
        old.Tell(new Diary.Write("a3"));
        ExpectTerminated(old);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Sys.ActorOf(Diary.Props("twin", TestActor));
        var recovered = ExpectMsg<Diary.Recovered>();
        Assert.Equal(["a1", "a2", "b3"], recovered.Replayed);
        Assert.Equal(3, recovered.LastSequenceNr);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Shutdown();
        _hosted.Dispose();
        await _database.DisposeAsync();
    }

    /// <summary>A persistent actor with a plain history: it persists entries, snapshots and deletes on command and reports what it recovered.</summary>
    private sealed class Diary : ReceivePersistentActor
    {
        public sealed record Write(params string[] Entries);
        public sealed record Snap;
        public sealed record DeleteUpTo(long SequenceNr);
        public sealed record Done(long SequenceNr);
        public sealed record Recovered(string PersistenceId, string? FromSnapshot, IReadOnlyList<string> Replayed, long LastSequenceNr);
        public sealed record WriteUnserializable;
        public sealed record Rejected(string PersistenceId);

        /// <summary>An event the journal cannot serialize (the JSON serializer fails on its property).</summary>
        public sealed class Unserializable
        {
            public string Boom => throw new InvalidOperationException("this event cannot be serialized");
        }

        private readonly List<string> _entries = [];
        private readonly List<string> _replayed = [];
        private string? _fromSnapshot;
        private IActorRef _replyTo = ActorRefs.Nobody;

        public override string PersistenceId { get; }

        public static Props Props(string persistenceId, IActorRef reportTo) => Akka.Actor.Props.Create(() => new Diary(persistenceId, reportTo));

        public Diary(string persistenceId, IActorRef reportTo)
        {
            PersistenceId = persistenceId;
            Recover<SnapshotOffer>(offer =>
            {
                _fromSnapshot = (string)offer.Snapshot;
                _entries.AddRange(_fromSnapshot.Split(','));
            });
            Recover<string>(entry =>
            {
                _replayed.Add(entry);
                _entries.Add(entry);
            });
            Recover<RecoveryCompleted>(_ => reportTo.Tell(new Recovered(PersistenceId, _fromSnapshot, _replayed.ToList(), LastSequenceNr)));

            Command<Write>(write =>
            {
                var sender = Sender;
                var left = write.Entries.Length;
                PersistAll(write.Entries, entry =>
                {
                    _entries.Add(entry);
                    if (--left == 0) sender.Tell(new Done(LastSequenceNr));
                });
            });
            Command<Snap>(_ =>
            {
                _replyTo = Sender;
                SaveSnapshot(string.Join(',', _entries));
            });
            Command<SaveSnapshotSuccess>(saved => _replyTo.Tell(new Done(saved.Metadata.SequenceNr)));
            Command<DeleteUpTo>(delete =>
            {
                _replyTo = Sender;
                DeleteMessages(delete.SequenceNr);
            });
            Command<DeleteMessagesSuccess>(deleted => _replyTo.Tell(new Done(deleted.ToSequenceNr)));
            Command<WriteUnserializable>(_ =>
            {
                _replyTo = Sender;
                Persist(new Unserializable(), _ => _replyTo.Tell(new Done(LastSequenceNr)));
            });
        }

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
            _replyTo.Tell(new Rejected(PersistenceId));
    }
}

public sealed class RecoveryBatchingOnSqliteTests() : RecoveryBatchingSpec(DatabaseEngine.Sqlite);

public sealed class RecoveryBatchingOnPostgreSqlTests() : RecoveryBatchingSpec(DatabaseEngine.PostgreSql);
