using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Messaging;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Processing;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Profiles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.ControlApi;

/// <summary>
/// Operator actions, each an <c>instagram_profile_action_logs</c> row (trigger <c>api</c>, or <c>cli</c>) answered with
/// 202 and its id; <c>GET /api/accounts/{username}/actions/{id}</c> shows its progress. Actions that crawl run as a
/// phase of the account entity, so they obey its rules: never beside a run in flight, never in a backoff, paused or
/// logged-out account. Such an action is refused (409, its log failed with the reason), not queued: the operator
/// decides when to ask again. Account-wide actions are logged against the account's own profile row.
/// </summary>
public static class ActionsEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Route name -> (action log name, phase it runs; null for run-now's coordinator choice).</summary>
    private static readonly Dictionary<string, (string Action, Phase? Phase)> AccountRuns = new(StringComparer.Ordinal)
    {
        ["sync-follow-graph"] = ("sync_follow_graph", Phase.FollowGraphSync),
        ["sync-stories"] = ("sync_stories", Phase.StorySync),
        ["run-continuous-processing"] = ("run_continuous_processing", null),
    };

    private static readonly Dictionary<string, (string Action, Phase Phase)> ProfileRuns = new(StringComparer.Ordinal)
    {
        ["sync-stories"] = ("sync_stories", Phase.StorySync),
        ["capture-posts"] = ("capture_posts", Phase.ProfileScan),
        ["fetch-details"] = ("fetch_details", Phase.ProfileRefresh),
    };

    public static void MapActions(this WebApplication app)
    {
        var actions = app.MapGroup("/api/accounts/{username}").WithTags("Actions");
        actions.MapPost("/actions/{action}", AccountAction);
        actions.MapPost("/profiles/{profile}/actions/{action}", ProfileAction);
        actions.MapGet("/actions/{id}", Show);
    }

    private static async Task<Results<Accepted<ActionAcceptedResponse>, ProblemHttpResult>> AccountAction(
        string username, string action, HttpContext http, AccountRepository accounts, ProfileRepository profiles, ProfileActionLogRepository logs,
        IRequiredActor<AccountRegion> region, CancellationToken cancellationToken)
    {
        var known = AccountRuns.ContainsKey(action) || action is "enable-continuous-processing" or "disable-continuous-processing";
        if (!known)
            return ProfileRoute.Problem(400, "Unknown action", $"'{action}' is not an account action; known: {string.Join(", ", AccountRuns.Keys.Append("enable-continuous-processing").Append("disable-continuous-processing"))}.");
        var (found, problem) = await ProfileRoute.ResolveAsync(username, null, accounts, profiles, cancellationToken);
        if (problem is not null) return problem;
        var account = found!.Account;
        // The seed's action log belongs to a profile: an account-wide action is logged against the account's own.
        var self = await profiles.UpsertAsync(new ProfileSnapshot(account.Id, account.Username), cancellationToken);
        var trigger = ProfileRoute.TriggerOf(http);

        if (AccountRuns.TryGetValue(action, out var run))
            return await RunAsync(account.Id, account.Username, run.Action, run.Phase, self, profileId: null, trigger, logs, region, cancellationToken);

        var enable = action == "enable-continuous-processing";
        var name = enable ? "enable_continuous_processing" : "disable_continuous_processing";
        var logId = await logs.QueueAsync(account.Id, self, name, trigger, new JsonObject { ["scope"] = "account" }, cancellationToken);
        var reply = await AskAsync(region, new SetContinuousProcessing(account.Username, enable), cancellationToken);
        if (reply is not AccountView view)
        {
            await logs.MarkFailedAsync(logId, DateTime.UtcNow, $"unexpected reply {reply.GetType().Name}", cancellationToken: cancellationToken);
            return ProfileRoute.Problem(404, "Account not found", $"No account named '{account.Username}' is managed.");
        }
        await logs.MarkSucceededAsync(logId, DateTime.UtcNow, $"continuous processing {(view.ContinuousProcessingEnabled ? "enabled" : "disabled")}",
            new JsonObject { ["continuous_processing_enabled"] = view.ContinuousProcessingEnabled }, cancellationToken);
        return Accepted(account.Username, logId, name, "succeeded");
    }

    private static async Task<Results<Accepted<ActionAcceptedResponse>, ProblemHttpResult>> ProfileAction(
        string username, string profile, string action, HttpContext http, AccountRepository accounts, ProfileRepository profiles,
        ProfileActionLogRepository logs, IRequiredActor<AccountRegion> region, CancellationToken cancellationToken)
    {
        if (!ProfileRuns.ContainsKey(action) && action != "verify-messageability")
            return ProfileRoute.Problem(400, "Unknown action", $"'{action}' is not a profile action; known: {string.Join(", ", ProfileRuns.Keys.Append("verify-messageability"))}.");
        var (found, problem) = await ProfileRoute.ResolveAsync(username, profile, accounts, profiles, cancellationToken);
        if (problem is not null) return problem;
        var (account, target) = (found!.Account, found.Profile!);
        var trigger = ProfileRoute.TriggerOf(http);

        if (ProfileRuns.TryGetValue(action, out var run))
            return await RunAsync(account.Id, account.Username, run.Action, run.Phase, target.Id, target.Id, trigger, logs, region, cancellationToken);

        // One request through the account's budget, by its messaging child: no run, so it does not wait for one.
        var logId = await logs.QueueAsync(account.Id, target.Id, Domain.Operations.InstagramProfileActionLog.Actions.VerifyMessageability, trigger,
            new JsonObject { ["scope"] = "profile" }, cancellationToken);
        (await region.GetAsync(cancellationToken)).Tell(new VerifyMessageability(account.Username, target.Id, logId));
        return Accepted(account.Username, logId, Domain.Operations.InstagramProfileActionLog.Actions.VerifyMessageability, "queued");
    }

    private static async Task<Results<Accepted<ActionAcceptedResponse>, ProblemHttpResult>> RunAsync(
        long accountId, string username, string action, Phase? phase, long logProfileId, long? profileId, string trigger,
        ProfileActionLogRepository logs, IRequiredActor<AccountRegion> region, CancellationToken cancellationToken)
    {
        var logId = await logs.QueueAsync(accountId, logProfileId, action, trigger,
            new JsonObject { ["scope"] = profileId is null ? "account" : "profile", ["phase"] = phase is { } p ? SeedString.Of(p) : null }, cancellationToken);
        var reply = await AskAsync(region, new RunNow(username, trigger, phase, logId, profileId), cancellationToken);
        switch (reply)
        {
            case RunAccepted accepted:
                return Accepted(username, logId, action, "queued", accepted.RunId, SeedString.Of(accepted.Phase));
            case RunNotStarted skip:
                var reason = SeedString.Of(skip.Reason);
                await logs.MarkFailedAsync(logId, DateTime.UtcNow, $"not started: {reason} ({skip.Detail})", new JsonObject { ["reason_code"] = reason }, cancellationToken);
                return ProfileRoute.Problem(409, "Action not started", skip.Detail,
                    new Dictionary<string, object?> { ["reason"] = reason, ["action_id"] = logId });
            default:
                await logs.MarkFailedAsync(logId, DateTime.UtcNow, $"unexpected reply {reply.GetType().Name}", cancellationToken: cancellationToken);
                return ProfileRoute.Problem(404, "Account not found", $"No account named '{username}' is managed.");
        }
    }

    private static async Task<Results<Ok<ActionResponse>, ProblemHttpResult>> Show(
        string username, long id, AccountRepository accounts, ProfileRepository profiles, ProfileActionLogRepository logs, CancellationToken cancellationToken)
    {
        var (found, problem) = await ProfileRoute.ResolveAsync(username, null, accounts, profiles, cancellationToken);
        if (problem is not null) return problem;
        var log = await logs.FindAsync(id, cancellationToken);
        if (log is null || log.InstagramAccountId != found!.Account.Id)
            return ProfileRoute.Problem(404, "Action not found", $"'{found!.Account.Username}' has no action {id}.");
        var profile = await profiles.FindAsync(log.InstagramProfileId, cancellationToken);
        return TypedResults.Ok(ActionResponse.From(log, profile?.Username));
    }

    private static Accepted<ActionAcceptedResponse> Accepted(string username, long logId, string action, string status, Guid? runId = null, string? phase = null)
    {
        var location = $"/api/accounts/{username}/actions/{logId}";
        return TypedResults.Accepted(location, new ActionAcceptedResponse(logId, action, status, location, runId, phase));
    }

    // Ask belongs at the edge: HTTP waits for the entity's answer.
    private static async Task<IAccountReply> AskAsync(IRequiredActor<AccountRegion> region, IAccountCommand command, CancellationToken cancellationToken) =>
        await (await region.GetAsync(cancellationToken)).Ask<IAccountReply>(command, AskTimeout, cancellationToken);
}
