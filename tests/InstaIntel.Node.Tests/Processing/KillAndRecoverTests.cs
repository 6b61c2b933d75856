using System.Net;
using System.Net.Http.Json;
using System.Text;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Security;
using InstaIntel.Node.Tests.Sessions;
using InstaIntel.Simulator.Faults;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Storage;
using InstaIntel.Storage.Blobs;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Node.Tests.Processing;

/// <summary>
/// A real node process, killed with SIGKILL in the middle of a story sync and started again on the same database:
/// the account comes back by itself (remember-entities), its interrupted run is closed, the schedule runs the story
/// sync again without anyone asking, and every story of the simulator ends up stored exactly once.
/// </summary>
public sealed class KillAndRecoverTests : IAsyncLifetime
{
    private const string Account = "demo_user";
    private const string Reels = "/graphql/query";
    private SimulatorHost _simulator = null!;
    private TestDatabase _database = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        // The clock stands still, so the simulator's live stories are the same before and after the restart.
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Network = new NetworkOptions { Seed = 7, Profiles = 200, DemoFollowers = 14, DemoMutuals = 6, DemoFollowingOnly = 4, ThreadsPerAccount = 5 },
        }, FrozenTime.AtNow());
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        _folder = Directory.CreateTempSubdirectory("instaintel-kill").FullName;
    }

    [Fact]
    public async Task A_node_killed_mid_story_sync_resumes_by_itself_after_a_restart_and_stores_every_story_once()
    {
        var network = _simulator.Network;
        var now = _simulator.Clock.GetUtcNow();
        var owners = network.FollowingOf(Account).Where(owner => network.ActiveStoriesOf(owner, now).Count > 0).ToList();
        var expected = owners.SelectMany(owner => network.ActiveStoriesOf(owner, now).Select(s => (owner, s.PkText))).ToHashSet();
        Assert.True(owners.Count >= 4, $"only {owners.Count} followed profiles have stories");
        // Each reel takes a while to come back, so the sync is still running when the node dies.
        _simulator.Faults.Add(new FaultRule { Fault = "slow;delay_ms=1500", PathPrefix = Reels, Account = Account });

        var apiKey = "ii_kill-and-recover-test-key";
        var akkaPort = FreePort.Next();
        var settings = new Dictionary<string, string>
        {
            ["InstaIntel:Storage:Engine"] = "Sqlite",
            ["InstaIntel:Storage:ConnectionString"] = _database.Storage.ConnectionString,
            ["InstaIntel:Instagram:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["InstaIntel:Security:ApiKeyHashes:0"] = ApiKeySecret.Hash(apiKey),
            // The same vault key for both incarnations: the restarted node reads the session the first one stored.
            ["InstaIntel:Vault:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["InstaIntel:Accounts:TickInterval"] = "00:00:00.300",
            ["InstaIntel:Accounts:Budget:RequestsPerWindow"] = "100000",
            ["InstaIntel:Accounts:Budget:Window"] = "00:01:00",
            ["InstaIntel:Processing:HeartbeatInterval"] = "00:00:01",
            ["InstaIntel:Processing:Stories:BatchSize"] = "1000",
            ["InstaIntel:Blobs:Path"] = Path.Combine(_folder, "blobs"),
        };
        var seed = $"akka.tcp://instaintel@127.0.0.1:{akkaPort}";

        DateTime killedAt;
        int reelsBeforeKill;
        await using (var first = NodeProcess.Start(_folder, "node", akkaPort, seed, settings))
        {
            using var http = Client(first, apiKey);
            await UntilAsync(async () => await Ready(http), TimeSpan.FromMinutes(2), "the node to be ready", first);
            (await http.PostAsJsonAsync("/api/accounts", new { username = Account })).EnsureSuccessStatusCode();
            var (export, _) = await SimulatorCookies.ExportAsync(_simulator, Account);
            using var imported = await http.PostAsync($"/api/accounts/{Account}/session", new StringContent(export, Encoding.UTF8, "application/json"));
            Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());

            // Some reels served, not all: the story sync is under way.
            await UntilAsync(() => Task.FromResult(ReelsServed() >= 2), TimeSpan.FromMinutes(2), "the story sync to read two reels", first);
            await first.KillAsync();
            killedAt = DateTime.UtcNow;
            reelsBeforeKill = ReelsServed();
        }
        Assert.InRange(reelsBeforeKill, 2, owners.Count - 1);
        await using (var db = _database.Factory().Open())
        {
            Assert.True(await db.InstagramStories.CountAsync() < expected.Count, "the sync finished before the node was killed");
            Assert.Equal(RunStatus.Running, (await db.SyncRuns.SingleAsync()).Status);
        }
        _simulator.Faults.Clear();

        // The same node again, and no call to the account: only the node's own recovery and schedule may resume it.
        await using var second = NodeProcess.Start(_folder, "node", akkaPort, seed, settings);
        await UntilAsync(async () =>
        {
            await using var db = _database.Factory().Open();
            return await db.SyncRuns.AnyAsync(r => r.StartedAt > killedAt && r.Status == RunStatus.Succeeded);
        }, TimeSpan.FromMinutes(3), "a run after the restart to succeed", second);

        await using (var db = _database.Factory().Open())
        {
            var runs = await db.SyncRuns.OrderBy(r => r.Id).ToListAsync();
            var interrupted = runs[0];
            Assert.Equal(RunStatus.Failed, interrupted.Status);
            var resumed = runs.First(r => r.StartedAt > killedAt);
            Assert.Equal(("story_sync", "schedule"), ((string?)resumed.StatsJson!["phase"], (string?)resumed.StatsJson["trigger"]));
            Assert.Equal(RunStatus.Succeeded, resumed.Status);

            var blobs = new BlobStore(new BlobOptions { Path = settings["InstaIntel:Blobs:Path"] });
            var stories = await (from s in db.InstagramStories
                                 join p in db.InstagramProfiles on s.InstagramProfileId equals p.Id
                                 select new { p.Username, s.StoryId, s.MediaBlobKey }).ToListAsync();
            Assert.Equal(expected, stories.Select(s => (s.Username, s.StoryId)).ToHashSet());
            Assert.Equal(expected.Count, stories.Count);
            Assert.All(stories, s => Assert.True(s.MediaBlobKey is not null && blobs.Exists(s.MediaBlobKey), $"story {s.StoryId} has no stored media"));
            foreach (var kind in new[] { ProfileEventKinds.StoryUploaded, ProfileEventKinds.StoryDownloaded })
            {
                var events = await db.InstagramProfileEvents.Where(e => e.Kind == kind).Select(e => e.ExternalId).ToListAsync();
                Assert.True(expected.Select(s => s.PkText).Order().SequenceEqual(events.Order()),
                    $"{kind} events: missing {string.Join(", ", expected.Select(s => s.PkText).Except(events))}; extra or repeated {string.Join(", ", events.GroupBy(e => e).Where(g => g.Count() > 1 || !expected.Any(s => s.PkText == g.Key)).Select(g => g.Key))}");
            }
        }
    }

    private int ReelsServed() =>
        _simulator.Requests.Count(r => r.Username == Account && r.PathAndQuery.StartsWith(Reels, StringComparison.Ordinal) && r.StatusCode == 200);

    private static HttpClient Client(NodeProcess node, string apiKey)
    {
        var http = new HttpClient { BaseAddress = node.Http, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }

    private static async Task<bool> Ready(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/readyz")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, NodeProcess node)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline || node.HasExited)
                Assert.Fail($"{(node.HasExited ? "the node exited" : $"timed out after {timeout}")} waiting for {what}; the node's log ends:\n{node.Tail()}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
        await _database.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a file the killed node's Chromium still held; the temp folder is reaped later */ }
    }
}
