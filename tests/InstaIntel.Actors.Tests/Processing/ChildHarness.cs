using Akka.Actor;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>Stands in for the account entity: creates one child under a given name and passes on what the child tells it.</summary>
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
