using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace InstaIntel.Testing;

/// <summary>Free TCP ports on 127.0.0.1 for Kestrel and Akka.Remote in tests.</summary>
public static class FreePort
{
    // A port is free only until its node binds it, and the kernel picks ports at random, so fixtures starting nodes at
    // once could be handed the same one; each port goes out once per test process.
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0)) return port;
        }
    }
}
