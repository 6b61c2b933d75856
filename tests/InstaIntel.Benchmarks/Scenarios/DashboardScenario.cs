using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using InstaIntel.Benchmarks.Hosting;
using InstaIntel.Benchmarks.Runner;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Stories;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Storage;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Benchmarks.Scenarios;

/// <summary>
/// Dashboard page times on the demo data (issue 9: "pages load in under 200 ms"): a node on SQLite runs the demo
/// against the simulator's demo network (300 profiles, seed 42, as <c>./build.sh demo</c>) until the demo account's
/// data has filled; then a logged-in HttpClient on loopback times N sequential GETs of each page, body read included,
/// first while the demo keeps processing, then with the account paused and no run in flight.
/// Baseline: <c>GET /healthz</c> timed the same way (the cheapest route through the same server).
/// </summary>
public sealed partial class DashboardScenario : IScenario
{
    private const string Account = "demo_user";
    private const double BoundMs = 200;

    private static readonly int Requests =
        int.TryParse(Environment.GetEnvironmentVariable("INSTAINTEL_BENCH_PAGE_REQUESTS"), out var n) && n > 0 ? n : 100;

    public string Name => "dashboard";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Network = new NetworkOptions { Seed = 42, Profiles = 300 } });
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        var folder = Directory.CreateTempSubdirectory("instaintel-bench-dashboard-");
        try
        {
            await using var node = await BenchNode.StartAsync(database.Storage, new Dictionary<string, string?>
            {
                ["InstaIntel:Instagram:BaseUrl"] = simulator.BaseUrl.ToString(),
                ["InstaIntel:Demo:Enabled"] = "true",
                // The dashboard tests' pace: the demo's data arrives in minutes instead of the production budget's hour.
                ["InstaIntel:Accounts:TickInterval"] = "00:00:02",
                ["InstaIntel:Accounts:Budget:RequestsPerWindow"] = "1000",
                ["InstaIntel:Accounts:Budget:Window"] = "00:01:00",
                ["InstaIntel:Blobs:Path"] = Path.Combine(folder.FullName, "blobs"),
                ["InstaIntel:Models:Directory"] = ModelsFolder.Path,
                ["InstaIntel:Dashboard:KeyRingPath"] = Path.Combine(folder.FullName, "dashboard-keys"),
            });
            var factory = node.Services.GetRequiredService<InstaIntelDbFactory>();
            var fill = Stopwatch.StartNew();
            await WaitForFirstDataAsync(factory, TimeSpan.FromMinutes(8));
            var firstData = fill.Elapsed;
            var cookies = new CookieContainer();
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = node.Address };
            await LogInAsync(http);
            var profile = await BusiestProfileAsync(factory);
            var pages = new (string Name, string Path)[]
            {
                ("/", "/"),
                ("/accounts/{u}", $"/accounts/{Account}"),
                ("/accounts/{u}/profiles", $"/accounts/{Account}/profiles"),
                ("/accounts/{u}/profiles/{p}", $"/accounts/{Account}/profiles/{Uri.EscapeDataString(profile)}"),
                ("/accounts/{u}/stories", $"/accounts/{Account}/stories"),
                ("/accounts/{u}/people", $"/accounts/{Account}/people"),
                ("/operations", "/operations"),
            };

            // The first request of each page compiles and JITs its view: reported, then a few more warm it up.
            var cold = new Dictionary<string, double>();
            foreach (var (name, path) in pages)
            {
                cold[name] = await TimeAsync(http, path);
                for (var i = 0; i < 5; i++) await TimeAsync(http, path);
            }

            // Busy: the demo's first story sync ran before its follow graph was in; a second one now covers every followed
            // profile (Chromium, blob writes, then media-analysis with the ONNX models) while the pages are timed.
            var action = await StartStorySyncAsync(http, TimeSpan.FromMinutes(3));
            var busy = await MeasureAsync(http, pages);
            bool busyToTheEnd;
            await using (var db = factory.Open())
                busyToTheEnd = await db.SyncRuns.AnyAsync(r => r.Status == RunStatus.Running);
            var unfinished = await WaitForSyncAndAnalysisAsync(http, factory, action, TimeSpan.FromMinutes(10));
            fill.Stop();
            var data = await DataSizesAsync(factory);

            // Quiet: the same pages on the filled data with the account paused and no run in flight: the pages' own cost.
            using (var pause = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{Account}/pause") { Content = JsonContent.Create(new { reason = "benchmark" }) })
            {
                pause.Headers.Add("X-Api-Key", BenchNode.ApiKey);
                (await http.SendAsync(pause)).EnsureSuccessStatusCode();
            }
            await WaitForNoRunAsync(factory, TimeSpan.FromMinutes(5));
            var quiet = await MeasureAsync(http, pages);

            var rows = new List<Measurement>();
            foreach (var (label, result) in new[] { ("paused", quiet), ("story sync running", busy) })
                foreach (var (name, _) in pages)
                    rows.Add(Measurement.AgainstBound($"{label}: GET {name} p95", result.Samples[name].P95, result.Baseline.P95, "ms", BoundMs, Better.Lower));
            var counters = quiet.Counters.ToDictionary(c => $"paused.{c.Key}", c => c.Value);
            foreach (var (key, value) in busy.Counters) counters[$"busy.{key}"] = value;
            var notes = new List<string>
            {
                $"demo network (300 profiles, seed 42) on SQLite, budget 1,000 requests a minute; the demo's first stories, follow graph and people after " +
                $"{firstData.TotalSeconds:0} s; a second story sync and media-analysis of its stories done after {fill.Elapsed.TotalSeconds:0} s" +
                $"{(unfinished is null ? "" : $" (unfinished: {unfinished})")}; then: {data}; profile page: {profile}.",
                $"story sync running: timed right after the sync-stories action was accepted; a run was {(busyToTheEnd ? "still" : "no longer")} in flight when the round ended.",
                $"{Requests} sequential GETs a page after 5 warm-up GETs, HttpClient on loopback in the node's process, time to the last body byte.",
                "first GET of each page (view compile and JIT): " + string.Join(", ", cold.Select(c => $"{c.Key} {c.Value:0} ms")),
            };
            foreach (var (label, result) in new[] { ("paused", quiet), ("story sync running", busy) })
                notes.Add($"{label}: p50 / p95 / max ms: " + string.Join("; ", pages.Select(p => $"{p.Name} {result.Samples[p.Name]}"))
                          + $"; baseline /healthz {result.Baseline}; {result.Operations}");
            return new ScenarioReport(Name, rows, counters, notes, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed record PageTimes(double P50, double P95, double Max)
    {
        public static PageTimes Of(IReadOnlyList<double> samples) =>
            new(Percentiles.Of(samples, 50), Percentiles.Of(samples, 95), samples.Max());

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{P50:0.0} / {P95:0.0} / {Max:0.0}");
    }

    private sealed record Round(IReadOnlyDictionary<string, PageTimes> Samples, PageTimes Baseline, IReadOnlyDictionary<string, double> Counters, string Operations);

    private static async Task<Round> MeasureAsync(HttpClient http, IReadOnlyList<(string Name, string Path)> pages)
    {
        var sample = RuntimeCounters.Start();
        var times = new Dictionary<string, PageTimes>();
        var slowestOperations = (Ms: 0.0, Body: "");
        foreach (var (name, path) in pages)
        {
            var samples = new List<double>(Requests);
            for (var i = 0; i < Requests; i++)
            {
                var timed = await TimeWithBodyAsync(http, path);
                samples.Add(timed.Ms);
                if (path == "/operations" && timed.Ms > slowestOperations.Ms) slowestOperations = timed;
            }
            times[name] = PageTimes.Of(samples);
        }
        var counters = sample.Stop();
        var baseline = new List<double>(Requests);
        for (var i = 0; i < Requests; i++) baseline.Add(await TimeAsync(http, "/healthz"));
        return new Round(times, PageTimes.Of(baseline), counters, DescribeOperations(slowestOperations.Ms, slowestOperations.Body));
    }

    /// <returns>milliseconds from sending the GET to the last byte of its body.</returns>
    private static async Task<double> TimeAsync(HttpClient http, string path) => (await TimeWithBodyAsync(http, path)).Ms;

    private static async Task<(double Ms, string Body)> TimeWithBodyAsync(HttpClient http, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
        return (clock.Elapsed.TotalMilliseconds, System.Text.Encoding.UTF8.GetString(body));
    }

    /// <summary>What the slowest operations page said about its own parts: the journal probe's time and the shard table.</summary>
    private static string DescribeOperations(double ms, string body)
    {
        var journal = JournalProbe().Match(body);
        var shards = body.IndexOf("<table id=\"shards\">", StringComparison.Ordinal) is var at and >= 0
            ? Regex.Matches(body[at..body.IndexOf("</table>", at, StringComparison.Ordinal)], "<tr>").Count - 1
            : -1;
        return string.Create(CultureInfo.InvariantCulture,
            $"slowest /operations {ms:0} ms: journal check {(journal.Success ? journal.Groups[1].Value + " ms" : "not healthy")}, {shards} shard-distribution rows");
    }

    [GeneratedRegex("write and delete took (\\d+) ms")]
    private static partial Regex JournalProbe();

    /// <summary>What a browser does on <c>/login</c>: read the antiforgery token, post the key, keep the cookie.</summary>
    private static async Task LogInAsync(HttpClient http)
    {
        var form = await http.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(form);
        if (!token.Success) throw new InvalidOperationException("the login page holds no antiforgery token");
        using var response = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["apiKey"] = BenchNode.ApiKey,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"logging in answered {(int)response.StatusCode}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Until the demo's first runs stored what every page shows: stories, the follow graph, people.</summary>
    private static async Task WaitForFirstDataAsync(InstaIntelDbFactory factory, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            await using (var db = factory.Open())
            {
                var stories = await db.InstagramStories.CountAsync();
                var people = await db.InstagramStoryPeople.CountAsync();
                var graph = await db.SyncRuns.CountAsync(r => r.Kind == SyncRunKind.FollowGraph && r.Status == RunStatus.Succeeded);
                if (stories > 0 && people > 0 && graph > 0) return;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the demo data did not fill within {limit}");
            await Task.Delay(2000);
        }
    }

    /// <returns>the action log id of a story sync over every followed profile (the control API's action).</returns>
    private static async Task<long> StartStorySyncAsync(HttpClient http, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{Account}/actions/sync-stories");
            request.Headers.Add("X-Api-Key", BenchNode.ApiKey);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Accepted)
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the story sync was refused until the limit: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(1000);   // a run in flight: the entity takes the action once it is idle
        }
    }

    /// <returns>what was not finished at the limit (the sync, stories not yet analysed), or null.</returns>
    private static async Task<string?> WaitForSyncAndAnalysisAsync(HttpClient http, InstaIntelDbFactory factory, long action, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string? status = null;
        while (DateTime.UtcNow < deadline && status is not ("succeeded" or "failed"))
        {
            using var response = await http.GetAsync($"/api/accounts/{Account}/actions/{action}");
            status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
            if (status is not ("succeeded" or "failed")) await Task.Delay(2000);
        }
        var unanalysed = 0;
        while (DateTime.UtcNow < deadline)
        {
            await using (var db = factory.Open())
            {
                unanalysed = await db.InstagramStories.CountAsync(s => s.ProcessingStatus == StoryProcessingStatus.Pending || s.ProcessingStatus == StoryProcessingStatus.Processing);
                if (unanalysed == 0 && !await db.SyncRuns.AnyAsync(r => r.Status == RunStatus.Running))
                    return status == "succeeded" ? null : $"the story sync ended {status}";
            }
            await Task.Delay(2000);
        }
        return $"story sync {status}, {unanalysed} stories not yet analysed";
    }

    private static async Task WaitForNoRunAsync(InstaIntelDbFactory factory, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            await using (var db = factory.Open())
                if (!await db.SyncRuns.AnyAsync(r => r.Status == RunStatus.Running)) return;
            await Task.Delay(1000);
        }
        throw new TimeoutException($"a run was still in flight {limit} after the pause");
    }

    /// <summary>The profile with the most stories: the heaviest profile page.</summary>
    private static async Task<string> BusiestProfileAsync(InstaIntelDbFactory factory)
    {
        await using var db = factory.Open();
        return await (from profile in db.InstagramProfiles
                      orderby db.InstagramStories.Count(s => s.InstagramProfileId == profile.Id) descending, profile.Username
                      select profile.Username).FirstAsync();
    }

    private static async Task<string> DataSizesAsync(InstaIntelDbFactory factory)
    {
        await using var db = factory.Open();
        return string.Join(", ",
            $"{await db.InstagramProfiles.CountAsync()} profiles",
            $"{await db.InstagramStories.CountAsync()} stories",
            $"{await db.InstagramStoryFaces.CountAsync()} faces",
            $"{await db.InstagramStoryPeople.CountAsync()} people",
            $"{await db.InstagramProfilePosts.CountAsync()} profile posts",
            $"{await db.InstagramProfileEvents.CountAsync()} profile events",
            $"{await db.SyncRuns.CountAsync()} sync runs",
            $"{await db.BackgroundJobFailures.CountAsync()} failures");
    }
}
