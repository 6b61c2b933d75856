using Akka.Actor;
using Akka.Persistence;

namespace InstaIntel.Benchmarks.Hosting;

/// <summary>
/// The journal plugin's floor for recovery: a persistent actor with no logic, no sharding and no projection, whose
/// journal has the shape an account's has in the entities scenario (two events, a snapshot at the second, one event
/// after it), on the same plugin and database as the accounts.
/// </summary>
public sealed class BarePersistentActor : ReceivePersistentActor
{
    /// <summary>Writes the journal: answers <see cref="Seeded"/> once the snapshot is saved and the last event persisted.</summary>
    public sealed record Seed;

    public sealed record Seeded;

    /// <summary>Answered with the last sequence number, after recovery (commands wait for it).</summary>
    public sealed record Ping;

    private long _events;
    private IActorRef _seeder = ActorRefs.Nobody;

    public BarePersistentActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<SnapshotOffer>(offer => _events = (long)offer.Snapshot);
        Recover<string>(_ => _events++);
        Command<Seed>(_ =>
        {
            _seeder = Sender;
            PersistAll(["first", "second"], _ =>
            {
                if (++_events == 2) SaveSnapshot(_events);
            });
            Persist("third", _ => _events++);
        });
        // Commands wait while a Persist is in flight, so this comes after the third event is stored.
        Command<SaveSnapshotSuccess>(_ => _seeder.Tell(new Seeded()));
        Command<Ping>(_ => Sender.Tell(LastSequenceNr));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new BarePersistentActor(persistenceId));
}
