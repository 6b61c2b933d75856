using System.Net;
using System.Net.Sockets;
using InstaIntel.Actors.Hosting;
using InstaIntel.Testing;

namespace InstaIntel.Actors.Tests.Hosting;

public sealed class RemotingPortCheckTests
{
    [Fact]
    public async Task A_port_an_actor_system_listens_on_is_refused_with_the_setting_named()
    {
        // The listener a second node would otherwise share silently: Akka.Remote's own, with its socket options.
        await using var holder = RemotingListener.Start();

        var refused = Assert.Throws<InvalidOperationException>(() =>
            RemotingPortCheck.EnsureAvailable(new ClusterSettings { Hostname = "127.0.0.1", Port = holder.Port }));

        Assert.Contains($"InstaIntel:Cluster:Port {holder.Port} on 127.0.0.1 is already in use", refused.Message);
        // Also on the wildcard address a container binds to.
        Assert.Throws<InvalidOperationException>(() =>
            RemotingPortCheck.EnsureAvailable(new ClusterSettings { Hostname = "0.0.0.0", Port = holder.Port }));
    }

    [Fact]
    public void A_free_port_passes_and_is_left_free_for_the_actor_system()
    {
        var port = FreePort.Next();

        RemotingPortCheck.EnsureAvailable(new ClusterSettings { Hostname = "127.0.0.1", Port = port });

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(); // throws if the check kept the port
    }

    [Fact]
    public void Port_zero_asks_for_any_free_port_and_passes()
    {
        RemotingPortCheck.EnsureAvailable(new ClusterSettings { Hostname = "127.0.0.1", Port = 0 });
    }
}
