using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InstaIntel.Cli;
using InstaIntel.Cli.Tests;
using InstaIntel.Domain.Security;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Storage;
using InstaIntel.Testing;
using Microsoft.Extensions.Time.Testing;

namespace InstaIntel.Cluster.Tests.Harness;

/// <summary>
/// A real cluster on one machine: N node processes on 127.0.0.1 (each its own Akka and HTTP port), a fresh database on
/// the run's private PostgreSQL, and the Instagram simulator (real Kestrel on loopback, its clock frozen so the network's
/// truth does not move while the nodes work). Driven over HTTP and the <c>instaintel</c> CLI; nodes die by SIGKILL or
/// leave by SIGTERM.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    public const string ApiKey = "ii_cluster-tests-key-for-the-multi-process-cluster";
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(120);

    private readonly string _work;
    private readonly List<NodeProcess> _nodes = [];
    private readonly List<HttpClient> _clients = [];

    private ClusterHarness(string work, TestDatabase database, SimulatorHost simulator, IReadOnlyDictionary<string, string> settings)
    {
        _work = work;
        Database = database;
        Simulator = simulator;
        Settings = settings;
        Sql = new ClusterDatabase(database.Storage.ConnectionString);
    }

    public TestDatabase Database { get; }
    public ClusterDatabase Sql { get; }
    public SimulatorHost Simulator { get; }
    public SimulatedNetwork Network => Simulator.Network;
    public DateTimeOffset SimulatorNow => Simulator.Clock.GetUtcNow();
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The nodes as started (a restarted node replaces its old entry).</summary>
    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public static async Task<ClusterHarness> StartAsync(int nodeCount)
    {
        var work = Path.Combine(Path.GetTempPath(), "instaintel-cluster-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql, migrate: true);
        // Many small networks that overlap: every profile follows about two others, nine in ten of them among eight
        // popular profiles, so hundreds of accounts each hold a handful of profiles and stories, which keeps a pass of
        // 300 accounts within minutes on two cores.
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Network = new NetworkOptions
            {
                Seed = 20261125, Profiles = 1200, DemoFollowers = 30, DemoMutuals = 10, DemoFollowingOnly = 10,
                AverageFollowing = 2, PopularProfiles = 8, PopularShare = 0.9, StoryProbability = 0.5, ThreadsPerAccount = 2,
            },
        }, new FakeTimeProvider(DateTimeOffset.UtcNow));

        var settings = new Dictionary<string, string>
        {
            ["InstaIntel:Storage:Engine"] = "PostgreSql",
            ["InstaIntel:Storage:ConnectionString"] = database.Storage.ConnectionString,
            ["InstaIntel:Security:ApiKeyHashes:0"] = ApiKeySecret.Hash(ApiKey),
            ["InstaIntel:Security:CreateFirstKey"] = "false",
            // Every node of a cluster needs the same vault key: a session stored by one is read by another.
            ["InstaIntel:Vault:Key"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray()),
            ["InstaIntel:Blobs:Path"] = Path.Combine(work, "blobs"),
            ["InstaIntel:Instagram:BaseUrl"] = simulator.BaseUrl.ToString(),
            // No ONNX models, whatever $INSTAINTEL_MODELS says (a developer's shell sets it, CI's does not): these tests are
            // about accounts, rows and journals, and three nodes inferring on two cores would be most of the run. Each
            // captured media is tried once and marked failed (the AI health monitor, which would stop story syncs for
            // missing models, is off on test nodes); the analysis itself is tested in InstaIntel.Actors.Tests.
            ["InstaIntel:Models:Directory"] = Path.Combine(work, "no-models"),
            // A hundred accounts a node, sixteen of them at Instagram at once (the others wait for a context): contexts hold
            // no page, so they are cheap, and a few more than the default keep Chromium busy without thrashing two cores.
            ["InstaIntel:Instagram:Browser:MaxContexts"] = "16",
            // Short intervals so a whole pass of the phases fits in a test; a generous budget so pacing does not dominate.
            ["InstaIntel:Accounts:TickInterval"] = "00:00:03",
            ["InstaIntel:Accounts:Budget:RequestsPerWindow"] = "1000",
            ["InstaIntel:Accounts:Budget:Window"] = "00:01:00",
            ["InstaIntel:Accounts:Budget:Margin"] = "00:00:00",
            // One story sync per account within a test (an interrupted one is due again at once): a repeat every few
            // seconds for hundreds of accounts would be most of the load and prove nothing more.
            ["InstaIntel:ContinuousProcessing:StorySyncInterval"] = "00:10:00",
            ["InstaIntel:ContinuousProcessing:FeedRounds"] = "1",
            ["InstaIntel:ContinuousProcessing:FeedPageDelay"] = "00:00:01",
            ["InstaIntel:ContinuousProcessing:FeedMaxNewPosts"] = "1",
            ["InstaIntel:Processing:Stories:BatchSize"] = "100",
            ["InstaIntel:Processing:Feed:Rounds"] = "1",
            ["InstaIntel:Processing:Feed:PageDelay"] = "00:00:01",
            // Each phase runs, small: one feed post and one scanned profile's newest post, no likes, comments or post
            // media (only the stories' media are downloaded: the truth checks them).
            ["InstaIntel:Processing:Feed:MaxNewPosts"] = "1",
            ["InstaIntel:Processing:Feed:AutoLike"] = "false",
            ["InstaIntel:Processing:Feed:AutoComment"] = "false",
            ["InstaIntel:ProfileSync:ProfileScanBatchSize"] = "1",
            ["InstaIntel:ProfileSync:PostsPerProfile"] = "1",
            ["InstaIntel:ProfileSync:CommentsPerPost"] = "1",
            ["InstaIntel:ProfileSync:PostMediaWithin"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var harness = new ClusterHarness(work, database, simulator, settings);
        var ports = Enumerable.Range(0, nodeCount).Select(_ => (Akka: FreePort.Next(), Http: FreePort.Next())).ToList();
        // Two seeds: the first forms the cluster; either lets a restarted node find it again.
        var seeds = ports.Take(Math.Min(2, nodeCount)).Select(p => $"akka.tcp://instaintel@127.0.0.1:{p.Akka}").ToList();
        for (var i = 0; i < nodeCount; i++)
            harness.Add(NodeProcess.Start(new NodeStart(work, $"node-{i + 1}", ports[i].Akka, ports[i].Http, seeds, settings)));
        await harness.WaitForUpMembersAsync(harness.Nodes, harness.Nodes[0]);
        return harness;
    }

    private void Add(NodeProcess node)
    {
        _nodes.Add(node);
        var http = new HttpClient { BaseAddress = node.Http, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        _clients.Add(http);
    }

    public HttpClient Client(NodeProcess node) => _clients[_nodes.IndexOf(node)];

    /// <summary>Starts a stopped node again with the same ports and settings; it replaces the old one in <see cref="Nodes"/>.</summary>
    public async Task<NodeProcess> RestartAsync(NodeProcess node)
    {
        var index = _nodes.IndexOf(node);
        if (!node.HasExited) throw new InvalidOperationException($"node {node.AkkaAddress} is still running");
        // The old process is gone; release its log before the new one appends to the same file.
        await node.DisposeAsync();
        var again = NodeProcess.Start(node.StartedWith);
        _nodes[index] = again;
        _clients[index].Dispose();
        var http = new HttpClient { BaseAddress = again.Http, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        _clients[index] = http;
        return again;
    }

    /// <summary>Waits until <paramref name="asked"/> sees exactly <paramref name="members"/> as Up members and nobody unreachable.</summary>
    public async Task WaitForUpMembersAsync(IReadOnlyCollection<NodeProcess> members, NodeProcess asked, TimeSpan? timeout = null)
    {
        var expected = members.Select(m => m.AkkaAddress).Order(StringComparer.Ordinal).ToList();
        var last = "no answer yet";
        var deadline = DateTime.UtcNow + (timeout ?? FormTimeout);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var node in members)
                if (node.HasExited) throw new InvalidOperationException($"node {node.AkkaAddress} exited:\n{node.Tail()}");
            try
            {
                last = await Client(asked).GetStringAsync("/api/admin/cluster");
                using var document = JsonDocument.Parse(last);
                var up = document.RootElement.GetProperty("members").EnumerateArray()
                    .Where(m => m.GetProperty("status").GetString() == "Up").Select(m => m.GetProperty("address").GetString()!)
                    .Order(StringComparer.Ordinal).ToList();
                var all = document.RootElement.GetProperty("members").GetArrayLength();
                if (up.SequenceEqual(expected) && all == expected.Count && document.RootElement.GetProperty("unreachable").GetArrayLength() == 0)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(1000);
        }
        throw new TimeoutException($"members did not become [{string.Join(", ", expected)}] within {(timeout ?? FormTimeout).TotalSeconds} s; " +
                                   $"last answer: {last}\n{Tails()}");
    }

    /// <summary>The member addresses <paramref name="asked"/> lists (any status), or null when it did not answer.</summary>
    public async Task<IReadOnlySet<string>?> MembersAsync(NodeProcess asked)
    {
        try
        {
            using var document = JsonDocument.Parse(await Client(asked).GetStringAsync("/api/admin/cluster"));
            return document.RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("address").GetString()!).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Creates the accounts (continuous processing on unless <paramref name="continuousProcessing"/> is false)
    /// through the nodes in turn, a few at a time.</summary>
    public Task CreateAccountsAsync(IReadOnlyList<string> usernames, bool continuousProcessing = true) =>
        ThroughNodesAsync(usernames, async (http, username) =>
        {
            using var response = await http.PostAsJsonAsync("/api/accounts", new { username, continuousProcessingEnabled = continuousProcessing });
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"creating {username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        });

    /// <summary>Turns continuous processing on for the accounts (<c>POST /api/accounts/{u}/continuous-processing/enable</c>).</summary>
    public Task EnableContinuousProcessingAsync(IReadOnlyList<string> usernames) =>
        ThroughNodesAsync(usernames, async (http, username) =>
        {
            using var response = await http.PostAsync($"/api/accounts/{username}/continuous-processing/enable", null);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"enabling {username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        });

    private async Task ThroughNodesAsync(IReadOnlyList<string> usernames, Func<HttpClient, string, Task> action)
    {
        using var gate = new SemaphoreSlim(12);
        await Task.WhenAll(usernames.Select(async (username, i) =>
        {
            await gate.WaitAsync();
            try
            {
                await action(_clients[i % _clients.Count], username);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>Imports the sessions of <paramref name="usernames"/>, a few at a time, through the nodes in turn (each node
    /// checks the sessions it imports in its own Chromium).</summary>
    public async Task ImportSessionsAsync(IReadOnlyList<string> usernames, int atOnce = 6)
    {
        using var gate = new SemaphoreSlim(atOnce);
        await Task.WhenAll(usernames.Select(async (username, i) =>
        {
            await gate.WaitAsync();
            try
            {
                await ImportSessionAsync(username, _nodes[i % _nodes.Count]);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>Logs the account in to the simulator as a browser would and imports the cookies through the control API.</summary>
    public async Task ImportSessionAsync(string username, NodeProcess through)
    {
        var jar = new CookieContainer();
        using var web = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = Simulator.BaseUrl };
        (await web.GetAsync("/accounts/login/")).EnsureSuccessStatusCode();
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/web/accounts/login/ajax/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = username,
                ["enc_password"] = $"#PWD_INSTAGRAM_BROWSER:0:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}:{Simulator.PasswordOf(username)}",
            }),
        };
        login.Headers.Add("X-CSRFToken", jar.GetCookies(Simulator.BaseUrl)["csrftoken"]!.Value);
        login.Headers.Add("X-IG-App-ID", Simulator.Options.AppId);
        login.Headers.Add("X-Requested-With", "XMLHttpRequest");
        login.Headers.Add("Accept", "application/json");
        (await web.SendAsync(login)).EnsureSuccessStatusCode();
        var cookies = jar.GetCookies(Simulator.BaseUrl).Select(c => new { name = c.Name, value = c.Value, domain = c.Domain, path = c.Path, secure = c.Secure, httpOnly = c.HttpOnly });
        using var body = new StringContent(JsonSerializer.Serialize(cookies), Encoding.UTF8, "application/json");
        using var imported = await Client(through).PostAsync($"/api/accounts/{username}/session", body);
        if (imported.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"importing the session of {username} answered {(int)imported.StatusCode}: {await imported.Content.ReadAsStringAsync()}");
    }

    /// <summary>The account as its entity holds it (<c>GET /api/accounts/{username}</c>).</summary>
    public async Task<JsonElement> AccountAsync(NodeProcess through, string username)
    {
        var text = await Client(through).GetStringAsync($"/api/accounts/{username}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary><c>instaintel ... --node</c> against one node, in process.</summary>
    public Task<CliRun> CliAsync(NodeProcess node, params string[] args) =>
        CliRun.RunAsync(new Dictionary<string, string?> { [CliEnvironment.ApiKeyVariable] = ApiKey }, null, [.. args, "--node", node.Http.ToString()]);

    /// <summary><c>instaintel cluster sharding stats --json</c>: entities per member address, or null when the regions did not all answer.</summary>
    public async Task<ShardingSpread?> ShardingStatsAsync(NodeProcess asked)
    {
        var run = await CliAsync(asked, "cluster", "sharding", "stats", "--region", "account", "--timeout", "5", "--json");
        if (run.ExitCode != 0) return null;
        var json = run.Json();
        var nodes = json.GetProperty("nodes").EnumerateArray().ToDictionary(
            n => n.GetProperty("address").GetString()!,
            n => (Shards: n.GetProperty("shards").GetInt32(), Entities: n.GetProperty("entities").GetInt32()));
        var failed = json.GetProperty("nodes").EnumerateArray().Sum(n => n.GetProperty("failedShards").GetArrayLength());
        return new ShardingSpread(nodes, json.GetProperty("totalEntities").GetInt32(), failed);
    }

    /// <summary>Usernames of the account entities living on <paramref name="node"/> (<c>instaintel actor hierarchy --json</c>).</summary>
    public async Task<IReadOnlySet<string>> EntitiesOnAsync(NodeProcess node)
    {
        var run = await CliAsync(node, "actor", "hierarchy", "--path", "/system/sharding/account", "--depth", "2", "--json");
        if (run.ExitCode != 0) throw new InvalidOperationException(run.ToString());
        return run.Json().GetProperty("roots")[0].GetProperty("children").EnumerateArray()
            .SelectMany(shard => shard.GetProperty("children").EnumerateArray())
            .Where(e => e.GetProperty("type").GetString() == "AccountEntity")
            .Select(e => e.GetProperty("name").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; the last description of what is missing otherwise.</summary>
    public static async Task<bool> EventuallyAsync(TimeSpan timeout, Func<Task<(bool Done, string Missing)>> condition, Action<string> onTimeout, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var missing = "";
        while (DateTime.UtcNow < deadline)
        {
            (var done, missing) = await condition();
            if (done) return true;
            await Task.Delay(every ?? TimeSpan.FromSeconds(2));
        }
        onTimeout(missing);
        return false;
    }

    public string Tails(int lines = 25) =>
        string.Join('\n', _nodes.Select(n => $"--- {n.AkkaAddress} ({(n.HasExited ? "exited" : "running")})\n{n.Tail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        foreach (var client in _clients) client.Dispose();
        await Simulator.DisposeAsync();
        await Database.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Where the account entities live: per member address its shards and entities.</summary>
public sealed record ShardingSpread(IReadOnlyDictionary<string, (int Shards, int Entities)> Nodes, int TotalEntities, int FailedShards);
