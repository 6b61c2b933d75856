using System.Diagnostics;
using System.Net;
using Akka.Actor;
using InstaIntel.Actors.Processing;
using InstaIntel.Benchmarks.Hosting;
using InstaIntel.Benchmarks.Runner;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Processing;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Benchmarks.Scenarios;

/// <summary>
/// Story ingestion with the budget lifted: the story-ingestion child (its Akka.Streams graph, the real Playwright
/// client in Chromium, SQLite, the blob store) reads the simulator's tray, every reel and every story's media.
/// Baseline: the very requests it made (read back from the simulator's request log), replayed in order by a bare
/// HttpClient loop on a logged-in cookie session.
/// </summary>
public sealed class IngestionScenario : IScenario
{
    private const double Target = 0.7;

    public string Name => "ingestion";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // The issue's network: 1,000 profiles whose tray holds about 5,000 stories. The demo account follows 800 of them
        // (INSTAINTEL_BENCH_INGESTION_FOLLOWED for a quicker look), every profile posts stories, in bursts of up to 7
        // (about 1.5 bursts live at once: 6 live stories a profile).
        var followed = int.TryParse(Environment.GetEnvironmentVariable("INSTAINTEL_BENCH_INGESTION_FOLLOWED"), out var f) ? Math.Clamp(f, 2, 800) : 800;
        var network = new NetworkOptions
        {
            Profiles = 1_000, DemoFollowers = 500, DemoMutuals = followed / 2, DemoFollowingOnly = followed - followed / 2, StoryProbability = 1.0, MaxStoriesPerBurst = 7,
        };
        // Lifted: 100,000 a minute never defers here (Akka's throttle refuses rates above one element per tick).
        var budget = new RequestBudgetSettings { RequestsPerWindow = 100_000, Window = TimeSpan.FromMinutes(1) };
        await using var account = await SimulatedAccount.StartAsync(new SimulatorOptions { Network = network }, budget);
        var simulated = account.Simulator.Network;
        var now = account.Simulator.Clock.GetUtcNow();
        var live = simulated.FollowingOf(account.Username).Sum(followed => simulated.ActiveStoriesOf(followed, now).Count);
        Console.WriteLine($"   ingestion: the demo account's tray holds {live} live stories");
        using var system = ActorSystem.Create("bench-ingestion", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");

        var settings = new StoryIngestionSettings { BatchSize = 1_000_000 };
        var firstRequest = account.Simulator.Requests.Count;
        var helpers = ProcessCpu.OfDescendants();
        var sample = RuntimeCounters.Start();
        var clock = Stopwatch.StartNew();
        var stats = await PhaseRunner.RunAsync(system, StoryIngestionActor.Props(account.StoryServices(), settings, budget, TimeSpan.FromMinutes(1)),
            AccountWorkers.StoryIngestion, Phase.StorySync, account.Username, account.InstagramUserId);
        clock.Stop();
        var counters = sample.Stop().ToDictionary(p => p.Key, p => p.Value);
        foreach (var (name, seconds) in ProcessCpu.OfDescendants())
            counters[$"{name}_cpu_s"] = Math.Round(seconds - helpers.GetValueOrDefault(name), 2);
        var stories = stats.GetValueOrDefault("stories_new");
        if (stories == 0)
            throw new InvalidOperationException($"story ingestion stored no story: {string.Join(", ", stats)}");
        var made = account.Simulator.Requests.Skip(firstRequest).Where(r => r.Method == "GET").ToList();
        // Ours, per kind: the time from a request's arrival to the next one's (the request itself and whatever our side does before the next).
        var oursByKind = made.Zip(made.Skip(1), (request, next) => (Kind: KindOf(request.PathAndQuery), Ms: (next.Time - request.Time).TotalMilliseconds))
            .GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => (Count: g.Count(), MeanMs: g.Average(r => r.Ms)));

        // The bare loop: the same GETs, in the same order, one at a time, with the web app's headers and cookies.
        var cookies = new CookieContainer();
        using var bare = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = account.Simulator.BaseUrl };
        bare.DefaultRequestHeaders.Add("X-IG-App-ID", account.Simulator.Options.AppId);
        bare.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
        await LogInAsync(bare, cookies, account.Simulator, account.Username);
        var bareTimes = new List<(string Kind, double Ms)>(made.Count);
        var bareCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var bareClock = Stopwatch.StartNew();
        foreach (var request in made)
        {
            var one = Stopwatch.GetTimestamp();
            using var response = await bare.GetAsync(request.PathAndQuery.TrimStart('/'));
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"the bare loop's GET {request.PathAndQuery} answered {(int)response.StatusCode}");
            bareTimes.Add((KindOf(request.PathAndQuery), Stopwatch.GetElapsedTime(one).TotalMilliseconds));
        }
        bareClock.Stop();
        bareCpu = Process.GetCurrentProcess().TotalProcessorTime - bareCpu;
        var bareByKind = bareTimes.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => (Count: g.Count(), MeanMs: g.Average(r => r.Ms)));

        // The client alone (no stream, no writes): reels and videos (which the simulator serves without rendering)
        // through the Playwright client, one at a time, as the child makes them.
        var (_, session) = await account.Loader.LoadSessionAsync(account.Username, cancellationToken);
        var reelOwners = simulated.FollowingOf(account.Username).Take(100).Select(u => simulated.Profile(u).IdText).ToList();
        var videos = made.Where(r => KindOf(r.PathAndQuery) == "video").Take(100).Select(r => new Uri(account.Simulator.BaseUrl, r.PathAndQuery)).ToList();
        var clientClock = Stopwatch.StartNew();
        foreach (var owner in reelOwners) await account.Client.GetStoriesAsync(session, owner, cancellationToken);
        var clientReelMs = clientClock.Elapsed.TotalMilliseconds / reelOwners.Count;
        clientClock.Restart();
        foreach (var video in videos) await account.Client.DownloadMediaAsync(session, video, cancellationToken);
        var clientVideoMs = clientClock.Elapsed.TotalMilliseconds / Math.Max(1, videos.Count);
        var pictures = made.Where(r => KindOf(r.PathAndQuery) == "picture").Take(100).Select(r => new Uri(account.Simulator.BaseUrl, r.PathAndQuery)).ToList();
        clientClock.Restart();
        foreach (var picture in pictures) await account.Client.DownloadMediaAsync(session, picture, cancellationToken);
        var clientPictureMs = clientClock.Elapsed.TotalMilliseconds / Math.Max(1, pictures.Count);

        var rows = new List<Measurement>
        {
            Measurement.AgainstBaseline("stories/s", stories / clock.Elapsed.TotalSeconds, stories / bareClock.Elapsed.TotalSeconds, "st/s", Target),
            Measurement.Info("requests/s", made.Count / clock.Elapsed.TotalSeconds, made.Count / bareClock.Elapsed.TotalSeconds, "req/s"),
        };
        var notes = new List<string>
        {
            $"network: {network.Profiles} profiles, the demo account follows {network.DemoMutuals + network.DemoFollowingOnly} (its tray held {live} live stories): " +
            $"{stories} stories, {stats.GetValueOrDefault("tray_entries")} tray entries, {made.Count} GETs; ours {clock.Elapsed.TotalSeconds:0.0} s, bare {bareClock.Elapsed.TotalSeconds:0.0} s.",
            $"ours: StoryIngestionSettings defaults but BatchSize lifted (requests in flight {settings.Pacing.RequestsInFlight}, every request paced); baseline: one GET at a time.",
            "mean ms per GET by kind, ours (arrival to the next arrival) / bare (send to last byte): " +
            string.Join(", ", bareByKind.OrderBy(k => k.Key).Select(k =>
                $"{k.Key} x{k.Value.Count} {oursByKind.GetValueOrDefault(k.Key).MeanMs:0.0} / {k.Value.MeanMs:0.0}")),
            $"the Playwright client alone, one call at a time: reel {clientReelMs:0.0} ms, video {clientVideoMs:0.0} ms, picture (rendered) {clientPictureMs:0.0} ms a GET.",
            $"the bare loop's process (it hosts the simulator, which renders every story picture) used {bareCpu.TotalSeconds:0.0} s CPU in {bareClock.Elapsed.TotalSeconds:0.0} s.",
            $"stats: {string.Join(", ", stats.Select(s => $"{s.Key}={s.Value}"))}",
        };
        return new ScenarioReport(Name, rows, counters, notes, Stopwatch.GetElapsedTime(started));
    }

    private static string KindOf(string pathAndQuery) =>
        pathAndQuery.StartsWith("/media/", StringComparison.Ordinal) ? (pathAndQuery.Contains(".mp4", StringComparison.Ordinal) ? "video" : "picture")
        : pathAndQuery.Contains("reels_tray", StringComparison.Ordinal) ? "tray"
        : pathAndQuery.Contains("graphql", StringComparison.Ordinal) ? "reel"
        : "other";

    /// <summary>What the simulator's login page does: fetch it (csrftoken cookie), post enc_password.</summary>
    private static async Task LogInAsync(HttpClient http, CookieContainer cookies, SimulatorHost simulator, string username)
    {
        (await http.GetAsync("accounts/login/")).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/web/accounts/login/ajax/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = username,
                ["enc_password"] = $"#PWD_INSTAGRAM_BROWSER:0:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}:{simulator.PasswordOf(username)}",
            }),
        };
        request.Headers.Add("X-CSRFToken", cookies.GetCookies(simulator.BaseUrl)["csrftoken"]?.Value ?? "");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!body.Contains("\"authenticated\":true", StringComparison.Ordinal))
            throw new InvalidOperationException($"the bare loop's login failed: {body}");
    }
}
