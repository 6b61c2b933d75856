using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Profiles;
using InstaIntel.Node.ControlApi;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Posts;
using InstaIntel.Testing;
using LinqToDB;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Node.Tests.ControlApi;

/// <summary><c>GET /api/accounts/{username}/workspace</c> on a running node.</summary>
public sealed class WorkspaceApiTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_workspace_lists_each_recent_posts_state_and_why_it_is_not_ready(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var node = await RunningNode.StartAsync(database.Storage);
        Assert.Equal(HttpStatusCode.Created, (await node.Http.PostAsJsonAsync("/api/accounts", new { username = "alice" })).StatusCode);
        var accounts = node.Services.GetRequiredService<AccountRepository>();
        var account = await Eventually(async () => Assert.IsType<Domain.Accounts.InstagramAccount>(await accounts.FindAsync("alice")));
        long profileId;
        await using (var db = node.Services.GetRequiredService<InstaIntelDbFactory>().Open())
            profileId = await db.InsertWithInt64IdentityAsync(new InstagramProfile { InstagramAccountId = account.Id, Username = "bob", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        var posts = node.Services.GetRequiredService<ProfilePostRepository>();
        async Task Post(string shortcode, int hoursAgo, WorkspaceActions? state, JsonObject? suggestions = null)
        {
            var id = await posts.UpsertCapturedAsync(new InstagramProfilePost
            {
                InstagramAccountId = account.Id, InstagramProfileId = profileId, Shortcode = shortcode, TakenAt = DateTime.UtcNow.AddHours(-hoursAgo),
            });
            if (state is not null) await posts.RecordWorkspaceAsync(id, new ProfilePostMetadata { WorkspaceActions = state }, suggestions);
        }
        var next = DateTime.UtcNow.AddMinutes(5);
        await Post("READY", 1, new WorkspaceActions { Status = WorkspaceActionStatus.Ready, SuggestionsCount = 2 },
            new JsonObject { ["comment_suggestions"] = new JsonArray(new JsonObject { ["text"] = "Great shot!", ["score"] = 1.2 }) });
        await Post("WAITING", 2, new WorkspaceActions { Status = WorkspaceActionStatus.WaitingBuildHistory, NextRunAt = next, LastError = "the profile's history waits for 1 media to be analysed" });
        await Post("FAILED", 3, new WorkspaceActions { Status = WorkspaceActionStatus.Failed, LastError = "comment_generation_blocked: missing_visual_context" });
        await Post("NEW", 4, null);
        await Post("OLD", 24 * 30, new WorkspaceActions { Status = WorkspaceActionStatus.Queued });

        var workspace = await node.ReadAsync<WorkspaceResponse>(await node.Anonymous.GetAsync("/api/accounts/alice/workspace"));

        Assert.Equal(["READY", "WAITING", "FAILED", "NEW"], workspace.Posts.Select(p => p.Shortcode));
        Assert.Equal(new Dictionary<string, int> { ["ready"] = 1, ["waiting_build_history"] = 1, ["failed"] = 1, ["not_queued"] = 1 }, workspace.Counts);
        var ready = workspace.Posts[0];
        Assert.Equal(("bob", "ready", (string?)null, 2, "Great shot!"), (ready.Profile, ready.State, ready.Reason, ready.SuggestionsCount, ready.TopSuggestion));
        Assert.Equal(("waiting_build_history", "the profile's history waits for 1 media to be analysed"), (workspace.Posts[1].State, workspace.Posts[1].Reason));
        Assert.Equal(next, workspace.Posts[1].NextRunAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(("failed", "comment_generation_blocked: missing_visual_context"), (workspace.Posts[2].State, workspace.Posts[2].Reason));
        Assert.Equal(("not_queued", "not looked at by the workspace-actions phase yet"), (workspace.Posts[3].State, workspace.Posts[3].Reason));

        var failedOnly = await node.ReadAsync<WorkspaceResponse>(await node.Http.GetAsync("/api/accounts/alice/workspace?state=failed&limit=5"));
        Assert.Equal(["FAILED"], failedOnly.Posts.Select(p => p.Shortcode));

        foreach (var (url, status) in new[]
                 {
                     ("/api/accounts/alice/workspace?limit=0", HttpStatusCode.BadRequest),
                     ("/api/accounts/alice/workspace?state=sleeping", HttpStatusCode.BadRequest),
                     ("/api/accounts/no..dots/workspace", HttpStatusCode.BadRequest),
                     ("/api/accounts/nobody/workspace", HttpStatusCode.NotFound),
                 })
        {
            var response = await node.Http.GetAsync(url);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> probe)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await probe();
            }
            catch (Xunit.Sdk.XunitException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
