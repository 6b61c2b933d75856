using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Messaging;
using InstaIntel.Domain.Profiles;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Actors.Messaging;

/// <summary>
/// The <c>verify_messageability</c> action: one request for the profile page, then the judgement. An inbox thread with
/// the profile, or a profile that follows the account, can be messaged; a user that no longer exists, or a refusal,
/// cannot (retry window as after a failed send); anything else is <c>unknown</c> (a message would land in message
/// requests) and is looked at again after the unknown window.
/// </summary>
internal static class MessageabilityCheck
{
    public static async Task<WorkDone> RunAsync(string username, VerifyMessageability verify, MessagingServices services, CancellationToken cancellation)
    {
        var logs = services.ActionLogs;
        await logs.MarkRunningAsync(verify.ActionLogId, DateTime.UtcNow, cancellation);
        try
        {
            var profile = await services.Profiles.FindAsync(verify.ProfileId, cancellation)
                          ?? throw new InvalidOperationException($"profile {verify.ProfileId} does not exist");
            var (accountId, session) = await services.Contexts.LoadSessionAsync(username, cancellation);
            var now = DateTime.UtcNow;
            var (state, reason, retryAfter) = await JudgeAsync(accountId, session, profile, services, now, cancellation);
            await services.Profiles.SetDmInteractionAsync(profile.Id, state, reason, now, retryAfter, CancellationToken.None);
            var stateName = SeedString.Of(state);
            await logs.MarkSucceededAsync(verify.ActionLogId, DateTime.UtcNow, $"dm_interaction_state {stateName} ({reason})",
                new JsonObject { ["dm_interaction_state"] = stateName, ["reason"] = reason, ["retry_after_at"] = retryAfter?.ToString("O") }, CancellationToken.None);
            return new WorkDone([new MessageabilityVerified(profile.Id, verify.ActionLogId, state, reason)], null, false, null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var message = $"{error.GetType().Name}: {error.Message}";
            await logs.MarkFailedAsync(verify.ActionLogId, DateTime.UtcNow, message, cancellationToken: CancellationToken.None);
            return new WorkDone([new MessageabilityVerified(verify.ProfileId, verify.ActionLogId, null, message)], null, false, null);
        }
    }

    private static async Task<(DmInteractionState, string, DateTime?)> JudgeAsync(
        long accountId, Instagram.Client.AccountSession session, InstagramProfile profile, MessagingServices services, DateTime now, CancellationToken cancellation)
    {
        try
        {
            var details = await services.Instagram.GetProfileAsync(session, profile.Username, cancellation);
            await services.Profiles.SetIgUserIdAsync(profile.Id, details.Id, CancellationToken.None);
            if (await services.Peers.ExistsAsync(accountId, profile.Username, cancellation))
                return (DmInteractionState.Messageable, "inbox_thread_seen", null);
            if (details.FollowsViewer == true)
                return (DmInteractionState.Messageable, "follows_account", null);
            return (DmInteractionState.Unknown, "no_thread_not_following", now + services.Windows.Unknown);
        }
        catch (NotFoundException)
        {
            return (DmInteractionState.Unavailable, "profile_not_found", now + services.Windows.DmAfterFailure);
        }
        catch (InstagramException refused) when (refused is ActionBlockedException or RequestRejectedException)
        {
            var outcome = InteractionRules.AfterRefusal(MessageKind.Dm, refused.Status, SeedString.Of(refused.Kind), now, services.Windows);
            return (DmInteractionState.Unavailable, outcome.Reason, outcome.RetryAfter);
        }
    }
}
