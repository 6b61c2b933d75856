using Akka.Actor;
using Akka.Configuration;

namespace InstaIntel.Testing;

/// <summary>
/// An actor system whose Akka.Remote listens on a free loopback port, with Akka's own socket options: the port a node
/// already running on this host would hold.
/// </summary>
public sealed class RemotingListener : IAsyncDisposable
{
    private readonly ActorSystem _system;

    private RemotingListener(ActorSystem system)
    {
        _system = system;
        Port = ((ExtendedActorSystem)system).Provider.DefaultAddress.Port!.Value;
    }

    public int Port { get; }

    public static RemotingListener Start() =>
        new(ActorSystem.Create("instaintel", ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            """)));

    public async ValueTask DisposeAsync() => await _system.Terminate();
}
