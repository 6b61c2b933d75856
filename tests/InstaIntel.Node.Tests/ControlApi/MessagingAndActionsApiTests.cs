using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InstaIntel.Domain.Profiles;
using InstaIntel.Node.ControlApi;
using InstaIntel.Node.Tests.Sessions;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Profiles;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Node.Tests.ControlApi;

/// <summary>
/// Messages and operator actions through a real node (Kestrel on 127.0.0.1) whose Instagram is the simulator, driven
/// in Debian's Chromium, with demo_user's session imported and continuous processing off (so only what the test asks
/// for runs).
/// </summary>
public sealed class MessagingAndActionsApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private SimulatorHost _simulator = null!;
    private TestDatabase _database = null!;
    private RunningNode _node = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Network = new NetworkOptions { Profiles = 300, DemoFollowers = 60, DemoMutuals = 20, DemoFollowingOnly = 10 } });
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        _node = await RunningNode.StartAsync(_database.Storage, new Dictionary<string, string?>
        {
            ["InstaIntel:Instagram:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["InstaIntel:Accounts:Budget:RequestsPerWindow"] = "1000",
            ["InstaIntel:Accounts:Budget:Window"] = "01:00:00",
        });
        (await _node.Http.PostAsJsonAsync("/api/accounts", new { username = "demo_user", continuousProcessingEnabled = false })).EnsureSuccessStatusCode();
        var (export, _) = await SimulatorCookies.ExportAsync(_simulator, "demo_user");
        (await _node.Http.PostAsync("/api/accounts/demo_user/session", new StringContent(export, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }

    private async Task<long> ProfileAsync(string username)
    {
        var account = await _node.Services.GetRequiredService<AccountRepository>().FindAsync("demo_user");
        return await _node.Services.GetRequiredService<ProfileRepository>().UpsertAsync(new ProfileSnapshot(account!.Id, username));
    }

    private async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(200);
        }
    }

    private Task<ActionResponse> FinishedAsync(long id) => EventuallyAsync(
        async () => await _node.ReadAsync<ActionResponse>(await _node.Http.GetAsync($"/api/accounts/demo_user/actions/{id}")),
        action => action.Status is "succeeded" or "failed");

    private async Task<ActionAcceptedResponse> ActAsync(string path, bool fromCli = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (fromCli) request.Headers.Add("X-Trigger-Source", "cli");
        using var response = await _node.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await _node.ReadAsync<ActionAcceptedResponse>(response);
    }

    private static async Task<string?> ProblemReasonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() : null;
    }

    [Fact]
    public async Task A_queued_dm_is_accepted_with_its_id_sent_once_and_shown_sent()
    {
        var friend = _simulator.Network.MutualsOf("demo_user")[0];
        await ProfileAsync(friend);
        var text = $"hi {Guid.NewGuid():N}";

        using var posted = await _node.Http.PostAsJsonAsync($"/api/accounts/demo_user/profiles/{friend}/messages", new { text });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var queued = await _node.ReadAsync<MessageQueuedResponse>(posted);
        Assert.Equal($"/api/accounts/demo_user/profiles/{friend}/messages/{queued.Id}", posted.Headers.Location?.OriginalString);

        var shown = await EventuallyAsync(async () => await _node.ReadAsync<MessageResponse>(await _node.Http.GetAsync(queued.Location)), m => m.Status != "queued");
        Assert.Equal("sent", shown.Status);
        Assert.Equal("dm", shown.Kind);
        Assert.Equal("api", shown.Trigger);
        Assert.NotNull(shown.SentAt);
        var recorded = Assert.Single(_simulator.SentMessages, m => m.Text == text);
        Assert.Equal(recorded.ThreadId, shown.ThreadId);
        Assert.Equal([friend], recorded.RecipientUsernames);
    }

    [Fact]
    public async Task Bad_messages_are_refused_with_problem_details_and_a_reason()
    {
        var friend = _simulator.Network.MutualsOf("demo_user")[0];
        var profileId = await ProfileAsync(friend);
        var path = $"/api/accounts/demo_user/profiles/{friend}/messages";
        async Task<HttpResponseMessage> Post(string route, object body) => await _node.Http.PostAsJsonAsync(route, body);

        Assert.Equal(HttpStatusCode.BadRequest, (await Post(path, new { text = "  " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(path, new { text = new string('x', 1001) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(path, new { text = "hi", kind = "postcard" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(path, new { text = "hi", kind = "story_reply" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/api/accounts/demo_user/profiles/no..dots/messages", new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post("/api/accounts/nobody_here/profiles/x/messages", new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post("/api/accounts/demo_user/profiles/never_seen/messages", new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _node.Anonymous.PostAsJsonAsync(path, new { text = "hi" })).StatusCode);

        var unknownStory = await Post(path, new { text = "hi", kind = "story_reply", storyId = "31337" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownStory.StatusCode);
        Assert.Equal("story_not_found", await ProblemReasonAsync(unknownStory));

        // Inside a retry window the profile is refused at once: nothing queued, nothing sent.
        var profiles = _node.Services.GetRequiredService<ProfileRepository>();
        await profiles.SetDmInteractionAsync(profileId, DmInteractionState.Unavailable, "action_blocked", DateTime.UtcNow, DateTime.UtcNow.AddHours(12));
        await profiles.SetStoryInteractionAsync(profileId, StoryInteractionState.Unavailable, "request_rejected", DateTime.UtcNow, DateTime.UtcNow.AddDays(3));
        var closed = await Post(path, new { text = "hi" });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal("dm_retry_window", await ProblemReasonAsync(closed));
        var storyClosed = await Post(path, new { text = "hi", kind = "story_reply", storyId = "31337" });
        Assert.Equal(HttpStatusCode.Conflict, storyClosed.StatusCode);
        Assert.Equal("story_reply_retry_window", await ProblemReasonAsync(storyClosed));
        await using (var db = _database.Factory().Open())
            Assert.Equal(0, await db.InstagramMessages.CountAsync());
        Assert.Empty(_simulator.SentMessages);

        Assert.Equal(HttpStatusCode.NotFound, (await _node.Http.GetAsync($"{path}/999")).StatusCode);
    }

    [Fact]
    public async Task Actions_answer_202_with_their_log_id_and_show_their_progress_to_the_end()
    {
        var network = _simulator.Network;
        var now = _simulator.Clock.GetUtcNow();

        // Account-wide: the follow graph first (it gives the profiles the rest work on).
        var graph = await ActAsync("/api/accounts/demo_user/actions/sync-follow-graph");
        Assert.Equal("sync_follow_graph", graph.Action);
        Assert.Equal("follow_graph_sync", graph.Phase);
        var graphDone = await FinishedAsync(graph.Id);
        Assert.Equal("succeeded", graphDone.Status);
        Assert.Equal("api", graphDone.Trigger);
        Assert.Equal("demo_user", graphDone.Profile);
        Assert.NotNull(graphDone.StartedAt);
        Assert.Equal(network.FollowersOf("demo_user").Count, graphDone.Metadata!["stats"]!["followers"]!.GetValue<int>());

        // One profile, from the CLI: details, posts, messageability, stories.
        var friend = network.MutualsOf("demo_user").First(u => !network.Profile(u).IsPrivate && network.ActiveStoriesOf(u, now).Count > 0);
        var details = await FinishedAsync((await ActAsync($"/api/accounts/demo_user/profiles/{friend}/actions/fetch-details", fromCli: true)).Id);
        Assert.Equal(("succeeded", "cli", "fetch_details", friend), (details.Status, details.Trigger, details.Action, details.Profile));
        var posts = await FinishedAsync((await ActAsync($"/api/accounts/demo_user/profiles/{friend}/actions/capture-posts")).Id);
        Assert.Equal("succeeded", posts.Status);
        var messageable = await FinishedAsync((await ActAsync($"/api/accounts/demo_user/profiles/{friend}/actions/verify-messageability")).Id);
        Assert.Equal("succeeded", messageable.Status);
        Assert.Equal("messageable", messageable.Metadata!["dm_interaction_state"]!.GetValue<string>());
        var stories = await FinishedAsync((await ActAsync($"/api/accounts/demo_user/profiles/{friend}/actions/sync-stories")).Id);
        Assert.Equal("succeeded", stories.Status);

        await using (var db = _database.Factory().Open())
        {
            var profile = await db.InstagramProfiles.SingleAsync(p => p.Username == friend);
            Assert.Equal(network.Profile(friend).IdText, profile.IgUserId);
            Assert.True(await db.InstagramProfilePosts.AnyAsync(p => p.InstagramProfileId == profile.Id));
            // Only that profile's stories were taken.
            Assert.NotEmpty(await db.InstagramStories.Where(s => s.InstagramProfileId == profile.Id).ToListAsync());
            Assert.Equal(0, await db.InstagramStories.CountAsync(s => s.InstagramProfileId != profile.Id));
        }

        // Switching continuous processing is an action too, finished at once.
        var enabled = await ActAsync("/api/accounts/demo_user/actions/enable-continuous-processing");
        Assert.Equal("succeeded", enabled.Status);
        Assert.True((await _node.ReadAsync<AccountResponse>(await _node.Http.GetAsync("/api/accounts/demo_user"))).ContinuousProcessingEnabled);
        await ActAsync("/api/accounts/demo_user/actions/disable-continuous-processing");

        // "Run continuous processing now" belongs to the schedule: with it disabled, nothing starts.
        using var disabled = await _node.Http.PostAsync("/api/accounts/demo_user/actions/run-continuous-processing", null);
        Assert.Equal(HttpStatusCode.Conflict, disabled.StatusCode);
        Assert.Equal("disabled", await ProblemReasonAsync(disabled));
        // A paused account starts no action: refused with the reason, and the log says why.
        (await _node.Http.PostAsJsonAsync("/api/accounts/demo_user/pause", new { reason = "test" })).EnsureSuccessStatusCode();
        using var refused = await _node.Http.PostAsync("/api/accounts/demo_user/actions/sync-stories", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("paused", await ProblemReasonAsync(refused));
        await using var logs = _database.Factory().Open();
        var self = await logs.InstagramProfiles.SingleAsync(p => p.Username == "demo_user");
        var refusedLog = await logs.InstagramProfileActionLogs.Where(l => l.InstagramProfileId == self.Id && l.Action == "sync_stories").SingleAsync();
        Assert.Equal(Domain.Operations.RunStatus.Failed, refusedLog.Status);
        Assert.StartsWith("not started: paused", refusedLog.ErrorMessage);

        Assert.Equal(HttpStatusCode.BadRequest, (await _node.Http.PostAsync("/api/accounts/demo_user/actions/dance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _node.Http.PostAsync($"/api/accounts/demo_user/profiles/{friend}/actions/dance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Http.PostAsync("/api/accounts/nobody_here/actions/sync-stories", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Http.PostAsync("/api/accounts/demo_user/profiles/never_seen/actions/fetch-details", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Http.GetAsync("/api/accounts/demo_user/actions/999999")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _simulator.DisposeAsync();
        await _database.DisposeAsync();
    }
}
