using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Actors.Processing.ProfileSync;

/// <summary>The action logs of a phase's profiles: what they carry, and how a run that ends early leaves them.</summary>
internal static class ActionLogs
{
    /// <summary>Ties a log to the run that queued it (the run's own record is the entity's <c>sync_runs</c> row).</summary>
    public static JsonObject RunMetadata(ProfileSyncRun run) => new()
    {
        ["run_id"] = run.Start.RunId.ToString(),
        ["phase"] = SeedString.Of(run.Start.Phase),
    };

    /// <summary>
    /// The profile of a one-profile action (fetch details, capture posts) with the action's own log, or null for a
    /// scheduled run. The operator asked for this profile: it is worked on whether due or not.
    /// </summary>
    public static async Task<ProfileTarget?> TargetOfAsync(ProfileSyncRun run)
    {
        if (run.Start.Target is not { } target) return null;
        var profile = await run.Stores.Profiles.FindAsync(target.ProfileId, run.Cancellation);
        return profile is null || profile.InstagramAccountId != run.AccountId
            ? throw new InvalidOperationException($"profile {target.ProfileId} is not one of {run.Account.Username}'s")
            : new ProfileTarget(profile, target.ActionLogId);
    }

    /// <summary>
    /// A run that failed or was aborted fails the logs it had not finished, so none stays queued or running for ever
    /// (a finished log is left as it ended: the repository only finishes open logs). Never throws: the run's own
    /// error is the one to report.
    /// </summary>
    public static async Task FailUnfinishedAsync(ProfileSyncRun run, IEnumerable<ProfileTarget> targets, Exception error)
    {
        var message = error is OperationCanceledException ? $"aborted: {error.Message}" : $"{error.GetType().Name}: {error.Message}";
        try
        {
            foreach (var target in targets)
                await run.Stores.ActionLogs.MarkFailedAsync(target.LogId, DateTime.UtcNow, message, cancellationToken: CancellationToken.None);
        }
        catch (Exception)
        {
            // The database is as unwell as the run: the logs stay open until someone looks.
        }
    }
}
