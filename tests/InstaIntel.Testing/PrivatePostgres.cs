using System.Diagnostics;
using Npgsql;

namespace InstaIntel.Testing;

/// <summary>
/// A PostgreSQL server of a test's own (initdb in a temp folder, a free port, trust auth, fsync off) that the test may
/// stop and start again, e.g. to see a node lose and regain its database. The run's shared server is never touched.
/// Needs root (it runs the server as the postgres user via runuser), as <c>./build.sh test</c> does.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;

    private PrivatePostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Timeout=5;Command Timeout=10";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), "instaintel-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await RunAsync("chown", "postgres:postgres", root);
        var server = new PrivatePostgres(bin, root, FreePort.Next());
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(bin, "initdb"), "-D", server.DataFolder, "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--no-sync");
        await server.StartAgainAsync();
        return server;
    }

    private string DataFolder => Path.Combine(_root, "data");

    /// <summary>Starts the (stopped) server on the same port and data folder.</summary>
    public Task StartAgainAsync() =>
        RunAsync("runuser", "-u", "postgres", "--", Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-l", Path.Combine(_root, "server.log"), "-w",
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    /// <summary>Stops the server at once (fast mode: open connections are cut).</summary>
    public Task StopAsync() =>
        RunAsync("runuser", "-u", "postgres", "--", Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-m", "fast", "-w", "stop");

    /// <summary>A new empty database on this server; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("INSTAINTEL_PG_BIN") is { Length: > 0 } configured && File.Exists(Path.Combine(configured, "pg_ctl")))
            return configured;
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderBy(b => b, StringComparer.Ordinal).LastOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql; ./build.sh test installs the postgresql package.");
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await StopAsync(); }
        catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }
}
