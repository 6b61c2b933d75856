using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace InstaIntel.Testing;

/// <summary>
/// A real node: <c>dotnet InstaIntel.Node.dll</c> as its own process on 127.0.0.1, its output in a log file for
/// post-mortems. Stopped with SIGKILL (a crash), SIGTERM (a graceful leave) or on dispose.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StreamWriter _log;

    private NodeProcess(Process process, StreamWriter log, string logPath, Uri http, string akkaAddress, NodeStart start)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        Http = http;
        AkkaAddress = akkaAddress;
        StartedWith = start;
    }

    public Uri Http { get; }
    public string AkkaAddress { get; }
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;
    public int ProcessId => _process.Id;

    /// <summary>What this node was started with: <c>Start(StartedWith)</c> starts the same node again (ports, folder, settings).</summary>
    public NodeStart StartedWith { get; }

    /// <summary>The node's build output beside this test's (same configuration).</summary>
    public static string NodeAssembly()
    {
        var configuration = typeof(NodeProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepositoryRoot.Find(), "src", "InstaIntel.Node", "bin", configuration, "net10.0", "InstaIntel.Node.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build src/InstaIntel.Node in {configuration} first");
    }

    /// <summary>A node whose only seed is <paramref name="seedAddress"/>.</summary>
    public static NodeProcess Start(string workFolder, string name, int akkaPort, string seedAddress, IReadOnlyDictionary<string, string> settings) =>
        Start(new NodeStart(workFolder, name, akkaPort, FreePort.Next(), [seedAddress], settings));

    public static NodeProcess Start(NodeStart node)
    {
        var folder = Directory.CreateDirectory(Path.Combine(node.WorkFolder, node.Name)).FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(NodeAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{node.HttpPort}");
        var arguments = new Dictionary<string, string>(node.Settings)
        {
            ["InstaIntel:Cluster:Hostname"] = "127.0.0.1",
            ["InstaIntel:Cluster:Port"] = node.AkkaPort.ToString(CultureInfo.InvariantCulture),
        };
        // Test nodes run without the ONNX models, which the AI health check would rightly call unhealthy and stop their
        // story syncs for: the monitor is off unless a test turns it on.
        arguments.TryAdd("InstaIntel:Health:Monitor:Enabled", "false");
        for (var i = 0; i < node.SeedNodes.Count; i++)
            arguments[$"InstaIntel:Cluster:SeedNodes:{i}"] = node.SeedNodes[i];
        foreach (var (key, value) in arguments)
            start.ArgumentList.Add($"--{key}={value}");
        // The test host's variables (e.g. a developer's ASPNETCORE_ENVIRONMENT) must not leak into the node.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        // A restarted node appends to the same log, so one file tells the node's whole story.
        var logPath = Path.Combine(folder, "node.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine("ERR " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(process, log, logPath, new Uri($"http://127.0.0.1:{node.HttpPort}"),
            $"akka.tcp://instaintel@127.0.0.1:{node.AkkaPort}", node);
    }

    /// <summary>SIGKILL: the node dies at once, mid-whatever, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Kubernetes and Docker stop a container; the node leaves the cluster and exits.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastWin32Error()}");
    }

    /// <summary>Waits for the process to end; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"node {AkkaAddress} did not exit within {timeout.TotalSeconds} s:\n{Tail()}");
        }
        return _process.ExitCode;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>The last lines the node wrote, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines).Select(Compact));
        }
        catch (IOException ex)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }

    // A JSON log record as time, level, message and the exception's first line: a CI log shows only the end of a
    // failure message, and raw records with stack traces fill it with one or two lines.
    private static string Compact(string line)
    {
        if (!line.StartsWith("{\"@t\"", StringComparison.Ordinal)) return line;
        try
        {
            using var record = System.Text.Json.JsonDocument.Parse(line);
            var root = record.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var value) ? value.ToString() : "";
            var exception = Text("@x").Split('\n')[0];
            var level = Text("@l") is { Length: > 0 } l ? l : "Information";
            var message = Text("@m") is { Length: > 0 } m ? m : Text("@mt");
            return $"{Text("@t")} {level} {message}{(exception.Length > 0 ? " | " + exception : "")}";
        }
        catch (System.Text.Json.JsonException)
        {
            return line;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or it will be reaped with the test host.
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}

/// <summary>How a <see cref="NodeProcess"/> is started: its folder under the work folder, its ports, seeds and settings.</summary>
public sealed record NodeStart(
    string WorkFolder, string Name, int AkkaPort, int HttpPort, IReadOnlyList<string> SeedNodes, IReadOnlyDictionary<string, string> Settings);
