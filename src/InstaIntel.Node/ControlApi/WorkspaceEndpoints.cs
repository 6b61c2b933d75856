using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Workspace;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Posts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.ControlApi;

/// <summary>
/// <c>GET /api/accounts/{username}/workspace</c>: the workspace queue (BEHAVIOUR.md §6), the account's recent posts with
/// each one's <c>workspace_actions</c> state and, when it is not ready, why. A read: open like the account's other reads.
/// </summary>
public static class WorkspaceEndpoints
{
    public const string NotQueued = "not_queued";

    public static void MapWorkspace(this WebApplication app) =>
        app.MapGet("/api/accounts/{username}/workspace", List).WithTags("Accounts");

    private static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> List(
        string username, string? state, int? limit, AccountRepository accounts, ProfilePostRepository posts, WorkspaceSettings settings, CancellationToken cancellationToken)
    {
        if (!AccountUsername.TryNormalize(username, out var name, out var problem))
            return TypedResults.Problem(statusCode: 400, title: "Invalid username", detail: problem);
        if (limit is < 1 or > 500)
            return TypedResults.Problem(statusCode: 400, title: "Invalid limit", detail: "limit must be between 1 and 500.");
        if (state is not null && state != NotQueued && !Enum.GetValues<WorkspaceActionStatus>().Any(s => SeedString.Of(s) == state))
            return TypedResults.Problem(statusCode: 400, title: "Invalid state",
                detail: $"state must be one of {NotQueued}, {string.Join(", ", Enum.GetValues<WorkspaceActionStatus>().Select(s => SeedString.Of(s)))}.");
        var account = await accounts.FindAsync(name, cancellationToken);
        if (account is null)
            return TypedResults.Problem(statusCode: 404, title: "Account not found", detail: $"No managed account '{name}'.");

        var now = DateTime.UtcNow;
        var rows = (await posts.ListRecentWithProfileAsync(account.Id, now - settings.RecentWithin, 1000, cancellationToken))
            .Select(r => Item(r.Post, r.Username))
            .ToList();
        var counts = rows.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count());
        var shown = rows.Where(r => state is null || r.State == state).Take(limit ?? 100).ToList();
        return TypedResults.Ok(new WorkspaceResponse(name, now, settings.RecentWithin, counts, shown));
    }

    private static WorkspacePostResponse Item(InstagramProfilePost post, string profile)
    {
        var workspace = post.Metadata?.WorkspaceActions;
        var policy = post.Metadata?.CommentGenerationPolicy;
        var status = workspace is null ? NotQueued : SeedString.Of(workspace.Status);
        var reason = workspace switch
        {
            null => "not looked at by the workspace-actions phase yet",
            { Status: WorkspaceActionStatus.Ready } => null,
            { Status: WorkspaceActionStatus.Queued } => "queued for the next workspace-actions run",
            { Status: WorkspaceActionStatus.Running } => "being worked on",
            _ => workspace.LastError,
        };
        var top = post.Analysis?["comment_suggestions"] is System.Text.Json.Nodes.JsonArray { Count: > 0 } suggestions
            ? suggestions[0]?["text"]?.GetValue<string>()
            : null;
        return new WorkspacePostResponse(post.Id, profile, post.Shortcode, post.TakenAt, status, reason, workspace?.NextRunAt, workspace?.LockUntil,
            workspace?.SuggestionsCount, top, SeedString.Of(post.AiStatus), post.Metadata?.HistoryBuild?.Status,
            policy is null ? null : SeedString.Of(policy.Status), policy?.BlockedReasonCode, policy?.MissingSignals, workspace?.UpdatedAt);
    }
}

/// <summary>The workspace queue of an account: counts by state, then the posts (newest first).</summary>
public sealed record WorkspaceResponse(string Username, DateTime GeneratedAt, TimeSpan RecentWithin, IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<WorkspacePostResponse> Posts);

/// <summary>One post in the workspace queue: its state, why it is not ready, and what comment generation decided.</summary>
public sealed record WorkspacePostResponse(long PostId, string Profile, string Shortcode, DateTime? TakenAt, string State, string? Reason,
    DateTime? NextRunAt, DateTime? LockUntil, int? SuggestionsCount, string? TopSuggestion, string AiStatus, string? HistoryBuild,
    string? CommentPolicy, string? BlockedReasonCode, IReadOnlyList<string>? MissingSignals, DateTime? UpdatedAt);
