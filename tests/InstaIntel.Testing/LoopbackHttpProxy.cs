using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InstaIntel.Testing;

/// <summary>
/// A minimal HTTP forward proxy on 127.0.0.1 for tests that route an account through a proxy: it forwards
/// absolute-form requests and CONNECT tunnels (Playwright's request API tunnels even plain HTTP) to loopback
/// targets, and records each request it carried (inside a plain-HTTP tunnel it reads the request lines).
/// </summary>
public sealed class LoopbackHttpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public LoopbackHttpProxy()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>"METHOD absolute-url" of every request carried, in order.</summary>
    public ConcurrentQueue<string> Carried { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        try
        {
            var head = await ReadHeadAsync(stream);
            if (head is null) return;
            var lines = head.Split("\r\n");
            var parts = lines[0].Split(' ');
            if (parts.Length == 3 && parts[0] == "CONNECT")
            {
                await TunnelAsync(stream, parts[1]);
                return;
            }
            if (parts.Length != 3 || !Uri.TryCreate(parts[1], UriKind.Absolute, out var target) || !IPAddress.IsLoopback(IPAddress.Parse(target.Host)))
            {
                await stream.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
                return;
            }
            Carried.Enqueue($"{parts[0]} {target}");
            var headers = lines.Skip(1).Where(l => l.Length > 0 && !l.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) && !l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase)).ToList();
            var length = headers.Select(h => h.Split(':', 2)).Where(h => h[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => int.Parse(h[1].Trim())).FirstOrDefault();
            var body = new byte[length];
            await stream.ReadExactlyAsync(body);

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(target.Host, target.Port);
            var upstreamStream = upstream.GetStream();
            var request = new StringBuilder($"{parts[0]} {target.PathAndQuery} HTTP/1.1\r\n");
            foreach (var header in headers) request.Append(header).Append("\r\n");
            request.Append("Connection: close\r\n\r\n");
            await upstreamStream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
            await upstreamStream.WriteAsync(body);
            await upstreamStream.CopyToAsync(stream);
        }
        catch (IOException) { /* a client or upstream went away */ }
        catch (SocketException) { }
    }

    private async Task TunnelAsync(NetworkStream client, string authority)
    {
        var hostPort = authority.Split(':');
        if (hostPort.Length != 2 || !IPAddress.TryParse(hostPort[0], out var host) || !IPAddress.IsLoopback(host))
        {
            await client.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
            return;
        }
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(host, int.Parse(hostPort[1]));
        await client.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray());
        var server = upstream.GetStream();
        var toServer = PumpAsync(client, server, authority);
        var toClient = server.CopyToAsync(client);
        await Task.WhenAny(toServer, toClient);
    }

    // Copies client bytes upstream, noting the request line of each plain-HTTP request that starts a chunk.
    private async Task PumpAsync(NetworkStream from, NetworkStream to, string authority)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            var text = Encoding.ASCII.GetString(buffer, 0, Math.Min(read, 256));
            var firstLine = text.Split("\r\n")[0].Split(' ');
            if (firstLine.Length == 3 && firstLine[2].StartsWith("HTTP/", StringComparison.Ordinal) && firstLine[1].StartsWith('/'))
                Carried.Enqueue($"{firstLine[0]} http://{authority}{firstLine[1]}");
            await to.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one) == 0) return null;
            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^1] == '\n' && buffer[^2] == '\r' && buffer[^3] == '\n' && buffer[^4] == '\r')
                return Encoding.ASCII.GetString(buffer.ToArray(), 0, buffer.Count - 4);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
    }
}
