using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InstaIntel.Node.ControlApi;
using InstaIntel.Node.Tests.Sessions;
using InstaIntel.Simulator.Faults;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Storage;
using InstaIntel.Testing;

namespace InstaIntel.Node.Tests.Processing;

/// <summary>
/// A whole node whose Instagram (the simulator) refuses the account's session: the account ends paused
/// with its login state set, sends Instagram nothing more for that account however often the schedule
/// ticks, and picks up again by itself once a working session is imported.
/// </summary>
public sealed class AuthenticationPauseTests : IAsyncLifetime
{
    private const string Account = "demo_user";
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(300);
    private SimulatorHost _simulator = null!;
    private TestDatabase _database = null!;
    private string _blobFolder = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Network = new NetworkOptions { Profiles = 200, DemoFollowers = 14, DemoMutuals = 6, DemoFollowingOnly = 4, ThreadsPerAccount = 5 },
        });
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        _blobFolder = Directory.CreateTempSubdirectory("instaintel-auth-blobs").FullName;
    }

    private Task<RunningNode> StartNodeAsync() =>
        RunningNode.StartAsync(_database.Storage, new Dictionary<string, string?>
        {
            ["InstaIntel:Instagram:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["InstaIntel:Accounts:TickInterval"] = TickInterval.ToString(),
            ["InstaIntel:Accounts:Budget:RequestsPerWindow"] = "100000",
            ["InstaIntel:Accounts:Budget:Window"] = "00:01:00",
            ["InstaIntel:Processing:HeartbeatInterval"] = "00:00:01",
            ["InstaIntel:Blobs:Path"] = _blobFolder,
        });

    [Fact]
    public async Task A_refused_session_stops_all_requests_for_the_account_until_a_new_session_is_imported()
    {
        // Every request of the account's session is answered login_required, except the first: the import's check.
        _simulator.Faults.Add(new FaultRule { Fault = "login_required", Account = Account, Skip = 1 });
        await using var node = await StartNodeAsync();
        (await node.Http.PostAsJsonAsync("/api/accounts", new { username = Account })).EnsureSuccessStatusCode();
        var (export, _) = await SimulatorCookies.ExportAsync(_simulator, Account);
        Assert.Equal(HttpStatusCode.OK, (await node.Http.PostAsync($"/api/accounts/{Account}/session", Json(export))).StatusCode);

        // The schedule starts a run by itself; Instagram refuses it.
        var refusedAt = DateTime.UtcNow;
        var loggedOut = await EventuallyAsync(node, view => view.LoginState == Domain.Accounts.LoginState.AuthenticationRequired && view.CurrentRunId is null,
            "the account to be logged out");
        Assert.Equal((Domain.Accounts.ContinuousProcessingState.Paused, "authentication_required"), (loggedOut.State, loggedOut.PausedReason));
        Assert.Equal(1, loggedOut.FailureCount);
        Assert.StartsWith("AuthenticationRequiredException", loggedOut.LastError);
        // Automation stays off for at least the authentication backoff (2 h), not the 5-minute retry of other failures.
        Assert.True(loggedOut.RetryAfterAt >= refusedAt.AddHours(2), $"retry after {loggedOut.RetryAfterAt:O}");
        var runs = await node.Http.GetFromJsonAsync<List<RunResponse>>($"/api/accounts/{Account}/runs", RunningNode.Json);
        var failed = Assert.Single(runs!);
        Assert.Equal(("failed", "story_sync"), (failed.Status, (string?)failed.Stats!["phase"]));
        var refused = AccountRequests();
        Assert.Contains(refused, r => r.Fault == "login_required");
        var lastRefused = refused.Max(r => r.Sequence);

        // However many ticks pass (and a manual "run now"), nothing more goes to Instagram for the account.
        using var runNow = await node.Http.PostAsync($"/api/accounts/{Account}/run", null);
        Assert.Equal(HttpStatusCode.Conflict, runNow.StatusCode);
        Assert.Equal("authentication_required", JsonDocument.Parse(await runNow.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString());
        await Task.Delay(TickInterval * 15);
        Assert.DoesNotContain(AccountRequests(), r => r.Sequence > lastRefused);
        var still = await ViewAsync(node);
        Assert.Equal((Domain.Accounts.LoginState.AuthenticationRequired, 1, Domain.Accounts.ContinuousProcessingState.Paused), (still.LoginState, still.FailureCount, still.State));
        Assert.Single((await node.Http.GetFromJsonAsync<List<RunResponse>>($"/api/accounts/{Account}/runs", RunningNode.Json))!);

        // A new, working session: the account is logged in, its backoff cleared, and the schedule resumes by itself.
        _simulator.Faults.Clear();
        var (fresh, _) = await SimulatorCookies.ExportAsync(_simulator, Account);
        Assert.Equal(HttpStatusCode.OK, (await node.Http.PostAsync($"/api/accounts/{Account}/session", Json(fresh))).StatusCode);
        var imported = await ViewAsync(node);
        Assert.Equal(Domain.Accounts.LoginState.Authenticated, imported.LoginState);
        Assert.Null(imported.RetryAfterAt);
        Assert.Equal(0, imported.FailureCount);
        Assert.Equal(Domain.Accounts.ContinuousProcessingState.Idle, imported.State);
        Assert.Null(imported.PausedReason);
        await EventuallyAsync(node, view => view.LastFinishedAt > imported.LastFinishedAt && view.FailureCount == 0 && view.LastError is null,
            "a run after the import to succeed");
        runs = await node.Http.GetFromJsonAsync<List<RunResponse>>($"/api/accounts/{Account}/runs", RunningNode.Json);
        var resumed = runs!.OrderBy(r => r.Id).Skip(1).First();
        Assert.Equal(("succeeded", "story_sync", "schedule"), (resumed.Status, (string?)resumed.Stats!["phase"], (string?)resumed.Stats["trigger"]));
        Assert.Contains(AccountRequests(), r => r.Sequence > lastRefused && r.Fault is null && r.StatusCode == 200);
    }

    private List<Simulator.Recording.RecordedRequest> AccountRequests() =>
        _simulator.Requests.Where(r => r.Username == Account && !r.PathAndQuery.StartsWith("/api/v1/web/accounts/login", StringComparison.Ordinal)).ToList();

    private static async Task<AccountResponse> ViewAsync(RunningNode node) =>
        (await node.Http.GetFromJsonAsync<AccountResponse>($"/api/accounts/{Account}", RunningNode.Json))!;

    private static async Task<AccountResponse> EventuallyAsync(RunningNode node, Func<AccountResponse, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var view = await ViewAsync(node);
            if (condition(view)) return view;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out waiting for {what}; the account: {JsonSerializer.Serialize(view, RunningNode.Json)}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_blobFolder, recursive: true);
    }
}
