using System.Diagnostics;
using System.Reflection;

namespace InstaIntel.Testing;

/// <summary>A real node: <c>dotnet InstaIntel.Node.dll</c> as its own process, its output in a log file for post-mortems.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private NodeProcess(Process process, StreamWriter log, string logPath, Uri http, string akkaAddress)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        Http = http;
        AkkaAddress = akkaAddress;
    }

    public Uri Http { get; }
    public string AkkaAddress { get; }
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>The node's build output beside this test's (same configuration).</summary>
    public static string NodeAssembly()
    {
        var configuration = typeof(NodeProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepositoryRoot.Find(), "src", "InstaIntel.Node", "bin", configuration, "net10.0", "InstaIntel.Node.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build src/InstaIntel.Node in {configuration} first");
    }

    public static NodeProcess Start(string workFolder, string name, int akkaPort, string seedAddress, IReadOnlyDictionary<string, string> settings)
    {
        var httpPort = FreePort.Next();
        var folder = Directory.CreateDirectory(Path.Combine(workFolder, name)).FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(NodeAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        var arguments = new Dictionary<string, string>(settings)
        {
            ["InstaIntel:Cluster:Hostname"] = "127.0.0.1",
            ["InstaIntel:Cluster:Port"] = akkaPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["InstaIntel:Cluster:SeedNodes:0"] = seedAddress,
        };
        foreach (var (key, value) in arguments)
            start.ArgumentList.Add($"--{key}={value}");
        // The test host's variables (e.g. a developer's ASPNETCORE_ENVIRONMENT) must not leak into the node.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var logPath = Path.Combine(folder, "node.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine("ERR " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(process, log, logPath, new Uri($"http://127.0.0.1:{httpPort}"), $"akka.tcp://instaintel@127.0.0.1:{akkaPort}");
    }

    /// <summary>The last lines the node wrote, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }

    /// <summary>Stops the node as a crash would: SIGKILL to it and its Chromium, no shutdown, no leaving the cluster.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
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
