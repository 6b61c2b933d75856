using Akka.Actor;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// Stands in for a parent (the account entity for its children, the shard for the entity): creates one child under a
/// given name and passes on to <c>observer</c> what the child tells its parent, with the child as sender. The test talks
/// to the child directly (<see cref="Spawn"/> returns it). The one harness of this project; do not write another.
/// </summary>
public sealed class ChildHarness : ReceiveActor
{
    public ChildHarness(Props child, string name, IActorRef observer)
    {
        var created = Context.ActorOf(child, name);
        Receive<GetChild>(_ => Sender.Tell(created));
        ReceiveAny(message => observer.Tell(message, Sender));
    }

    public static IActorRef Spawn(ActorSystem system, Props child, string name, IActorRef observer)
    {
        var harness = system.ActorOf(Props.Create(() => new ChildHarness(child, name, observer)), $"harness-{name}-{Guid.NewGuid():N}");
        return harness.Ask<IActorRef>(GetChild.Instance, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    public sealed record GetChild
    {
        public static readonly GetChild Instance = new();
    }
}
