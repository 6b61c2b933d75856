using System.Net;
using System.Net.Sockets;

namespace InstaIntel.Actors.Hosting;

/// <summary>
/// Refuses a remoting port another process already listens on. Akka.Remote's transport asks for SO_REUSEADDR, which
/// .NET on Linux also turns into SO_REUSEPORT: a second node given the same port binds it without an error and the
/// kernel then splits incoming connections between the two, so joins and gossip reach the wrong node at random.
/// </summary>
public static class RemotingPortCheck
{
    private const int SolSocket = 1;   // SOL_SOCKET on Linux
    private const int SoReuseAddr = 2; // SO_REUSEADDR on Linux

    /// <summary>Throws when <see cref="ClusterSettings.Port"/> on <see cref="ClusterSettings.Hostname"/> is taken; port 0 (any free port) passes.</summary>
    public static void EnsureAvailable(ClusterSettings cluster)
    {
        if (cluster.Port == 0) return;
        var address = BindAddress(cluster.Hostname);
        if (address is null) return; // an unresolvable name: Akka.Remote reports it itself

        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux())
        {
            // SO_REUSEADDR alone, so a restart is not refused for its previous life's TIME_WAIT connections; without
            // SO_REUSEPORT the bind fails on any listener, SO_REUSEPORT or not.
            probe.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }
        else if (OperatingSystem.IsWindows())
        {
            probe.ExclusiveAddressUse = true;
        }
        try
        {
            probe.Bind(new IPEndPoint(address, cluster.Port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new InvalidOperationException(
                $"{ClusterSettings.Section}:Port {cluster.Port} on {cluster.Hostname} is already in use by another process " +
                "(another node on this host?); give each node its own port.", ex);
        }
    }

    private static IPAddress? BindAddress(string hostname)
    {
        if (IPAddress.TryParse(hostname, out var address)) return address;
        try
        {
            return Dns.GetHostAddresses(hostname).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault();
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
