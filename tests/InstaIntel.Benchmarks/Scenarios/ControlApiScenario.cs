using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using InstaIntel.Benchmarks.Hosting;
using InstaIntel.Benchmarks.Runner;
using InstaIntel.Storage;
using InstaIntel.Testing;

namespace InstaIntel.Benchmarks.Scenarios;

/// <summary>
/// Requests per second and p50/p99 of <c>GET /api/accounts/{username}</c> (asks the entity) and of the action
/// trigger <c>POST /api/accounts/{username}/run</c> on a real node (Kestrel on 127.0.0.1, SQLite), under a fixed
/// concurrency from a second process. Baseline: <c>GET /healthz</c> on the same node under the same load, the
/// cheapest route through the same server and middleware.
/// </summary>
public sealed class ControlApiScenario : IScenario
{
    private const int Accounts = 100;
    private const int Concurrency = 16;
    private const double Seconds = 8;

    public string Name => "control-api";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await using var node = await BenchNode.StartAsync(database.Storage, new Dictionary<string, string?>
        {
            ["InstaIntel:Accounts:TickInterval"] = "01:00:00",
        });
        using (var http = new HttpClient { BaseAddress = node.Address })
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", BenchNode.ApiKey);
            await Parallel.ForEachAsync(Enumerable.Range(0, Accounts), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                using var response = await http.PostAsJsonAsync("api/accounts", new { username = $"load_{i:D4}" }, ct);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"creating load_{i:D4} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            });
        }

        var baseline = await LoadAsync("GET", new Uri(node.Address, "healthz").ToString());
        var sample = RuntimeCounters.Start();
        var show = await LoadAsync("GET", new Uri(node.Address, "api/accounts/{u}").ToString());
        var counters = sample.Stop().ToDictionary(p => $"get.{p.Key}", p => p.Value);
        sample = RuntimeCounters.Start();
        var run = await LoadAsync("POST", new Uri(node.Address, "api/accounts/{u}/run").ToString());
        foreach (var (key, value) in sample.Stop()) counters[$"run.{key}"] = value;

        var rows = new List<Measurement>
        {
            Measurement.Info("GET /api/accounts/{u} req/s", show.RequestsPerSecond, baseline.RequestsPerSecond, "req/s"),
            Measurement.Info("GET /api/accounts/{u} p50", show.P50Ms, baseline.P50Ms, "ms", Better.Lower),
            Measurement.Info("GET /api/accounts/{u} p99", show.P99Ms, baseline.P99Ms, "ms", Better.Lower),
            Measurement.Info("POST /api/accounts/{u}/run req/s", run.RequestsPerSecond, baseline.RequestsPerSecond, "req/s"),
            Measurement.Info("POST /api/accounts/{u}/run p50", run.P50Ms, baseline.P50Ms, "ms", Better.Lower),
            Measurement.Info("POST /api/accounts/{u}/run p99", run.P99Ms, baseline.P99Ms, "ms", Better.Lower),
        };
        var notes = new List<string>
        {
            $"{Accounts} accounts on SQLite, {Concurrency} requests in flight for {Seconds} s per route from a child process (load-loop); baseline GET /healthz.",
            $"statuses: healthz {Statuses(baseline)}; show {Statuses(show)}; run {Statuses(run)} (no account has a session, so run answers that no run starts: the trigger's whole path, entity included, without Instagram work)",
            $"errors: healthz {baseline.Errors}, show {show.Errors}, run {run.Errors}",
        };
        return new ScenarioReport(Name, rows, counters, notes, Stopwatch.GetElapsedTime(started));
    }

    private static string Statuses(LoadResult result) => string.Join(" ", result.Statuses.Select(s => $"{s.Key}x{s.Value}"));

    /// <summary>Runs the load loop in a child process (this same program) and reads its JSON line.</summary>
    private static async Task<LoadResult> LoadAsync(string method, string template)
    {
        var self = typeof(ControlApiScenario).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { self, LoadLoop.Command, method, template, Concurrency.ToString(), Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), Accounts.ToString(), BenchNode.ApiKey })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the load loop");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"load loop exited {process.ExitCode}: {await errors}");
        var line = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonSerializer.Deserialize<LoadResult>(line) ?? throw new InvalidOperationException($"load loop printed no result: {line}");
    }
}
