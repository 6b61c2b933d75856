using InstaIntel.Domain.Accounts;

namespace InstaIntel.Domain.Processing;

/// <summary>
/// The continuous-processing coordinator's decisions (BEHAVIOUR.md §1), as pure functions of the account's
/// persisted fields and the tick's context. The account entity persists what they decide.
/// </summary>
public static class ContinuousProcessing
{
    /// <summary>Why pending workspace work did not start: the node's bound on concurrent workspace runs is reached.</summary>
    public const string WorkspaceBusy = "node_workspace_runs_full";

    /// <summary>Decides at most one phase for a tick (timer or "run now").</summary>
    public static TickDecision Decide(CoordinatorState state, TickContext context, ContinuousProcessingSettings settings)
    {
        var now = context.Now;
        if (!state.Enabled)
            return new TickDecision.Skip(SkipReason.Disabled, "continuous processing is disabled");
        if (state.State == ContinuousProcessingState.Paused)
            return state.LoginState == LoginState.AuthenticationRequired
                ? new TickDecision.Skip(SkipReason.AuthenticationRequired, "paused until a new session is imported")
                : new TickDecision.Skip(SkipReason.Paused, "the account is paused");
        if (state.RetryAfterAt is { } retryAt && retryAt > now)
        {
            // Manual triggers obey the backoff too: it is what protects the account from Instagram.
            return state.LoginState == LoginState.AuthenticationRequired
                ? new TickDecision.Skip(SkipReason.AuthenticationRequired, $"waiting for a new session (or until {retryAt:O})")
                : new TickDecision.Skip(SkipReason.RetryBackoff, $"retry after {retryAt:O}");
        }
        if (state.LoginState == LoginState.AuthenticationRequired)
            return new TickDecision.Skip(SkipReason.AuthenticationRequired, "waiting for a new session");
        // Nothing can be done for an account that never had a session: no run, no failure, no backoff.
        if (state.LoginState == LoginState.NotAuthenticated)
            return new TickDecision.Skip(SkipReason.AuthenticationRequired, "no session imported yet");

        var takeOver = false;
        if (state.State == ContinuousProcessingState.Running)
        {
            if (state.LastHeartbeatAt is { } beat && now - beat < settings.StaleHeartbeatAfter)
                return new TickDecision.Skip(SkipReason.AlreadyRunning, $"running, last heartbeat {beat:O}");
            takeOver = true;
        }

        if (!context.Backlog.IsEmpty)
        {
            var b = context.Backlog;
            return new TickDecision.Skip(SkipReason.PendingBacklog,
                $"story_pipelines={b.StoryPipelines} post_pipelines={b.PostPipelines} workspace_items={b.WorkspaceItems} active_streams={b.ActiveStreams}");
        }

        var skipped = new List<(Phase, string)>();
        foreach (var phase in new[] { Phase.StorySync, Phase.FeedSync })
        {
            if (!IsDue(state, phase, now)) continue;
            if (!context.AiHealthy)
            {
                skipped.Add((phase, "ai_unhealthy"));
                continue;
            }
            return Run(phase, state, context, settings, takeOver, skipped);
        }
        if (context.WorkspaceHasPendingPosts)
        {
            if (context.WorkspaceRoom)
                return Run(Phase.WorkspaceActions, state, context, settings, takeOver, skipped);
            // The node runs as many workspace runs as it allows: this one waits for a later tick, and meanwhile the
            // account's profile work goes ahead rather than queueing behind hundreds of accounts' media.
            skipped.Add((Phase.WorkspaceActions, WorkspaceBusy));
        }
        // A profile scan picks the profiles the account follows: before the follow graph was ever read there are none,
        // so a new account's first scan would capture nothing and wait a whole interval. The first graph sync goes first.
        if (IsDue(state, Phase.ProfileScan, now) && !state.NextRunAt.ContainsKey(WorkKind.FollowGraphSync))
            return Run(Phase.FollowGraphSync, state, context, settings, takeOver, skipped);
        if (IsDue(state, Phase.ProfileScan, now))
            return Run(context.AiHealthy ? Phase.ProfileScan : Phase.ProfileRefresh, state, context, settings, takeOver, skipped);
        if (IsDue(state, Phase.FollowGraphSync, now))
            return Run(Phase.FollowGraphSync, state, context, settings, takeOver, skipped);

        return new TickDecision.Skip(SkipReason.NothingDue,
            skipped.Count > 0 ? string.Join(", ", skipped.Select(s => $"{s.Item1}: {s.Item2}")) : "no phase is due");
    }

    /// <summary>
    /// An operator's action for one phase ("sync the follow graph now"): the guards of a tick (paused, backoff, no
    /// session, a run in flight, backlog) hold, but not the enabled flag (disabling stops the schedule, not an
    /// operator), and the phase is the one asked for, whether due or not.
    /// </summary>
    public static TickDecision DecideFor(Phase phase, CoordinatorState state, TickContext context, ContinuousProcessingSettings settings)
    {
        // With every workspace-actions run of the node taken, the run would only wait for a slot while holding the account.
        if (phase == Phase.WorkspaceActions && !context.WorkspaceRoom)
            return new TickDecision.Skip(SkipReason.PendingBacklog, WorkspaceBusy);
        var everythingDue = state with { Enabled = true, NextRunAt = System.Collections.Immutable.ImmutableDictionary<WorkKind, DateTime>.Empty };
        return Decide(everythingDue, context with { Manual = true, AiHealthy = true, WorkspaceHasPendingPosts = false }, settings) switch
        {
            TickDecision.Run run => Run(phase, state, context, settings, run.TookOverStaleRun, []),
            var skip => skip,
        };
    }

    /// <summary>Backoff for the n-th consecutive failure: 5 min, 15 min, 30 min, 1 h, then 3 h.</summary>
    public static TimeSpan Backoff(int failureCount, ContinuousProcessingSettings settings)
    {
        if (failureCount < 1) return TimeSpan.Zero;
        var steps = settings.FailureBackoff;
        return steps[Math.Min(failureCount, steps.Count) - 1];
    }

    /// <summary>Retry-after for a failed run: now + backoff(failure count after this failure) + jitter (0..1 of the jitter maximum).</summary>
    public static DateTime RetryAfterFailure(DateTime now, int failureCountAfter, double jitter, ContinuousProcessingSettings settings) =>
        now + Backoff(failureCountAfter, settings) + settings.FailureBackoffJitterMax * Math.Clamp(jitter, 0, 1);

    /// <summary>An authentication failure keeps automation off at least the auth backoff, never shortening a longer wait.</summary>
    public static DateTime RetryAfterAuthenticationFailure(DateTime now, DateTime? currentRetryAfter, ContinuousProcessingSettings settings)
    {
        var candidate = now + settings.AuthenticationBackoff;
        return currentRetryAfter is { } current && current > candidate ? current : candidate;
    }

    /// <summary>Next due time of a phase: now + interval + jitter (0..1 of the jitter fraction of the interval).</summary>
    public static DateTime NextDue(Phase phase, DateTime now, double jitter, ContinuousProcessingSettings settings)
    {
        var interval = settings.IntervalOf(phase);
        return now + interval + interval * (settings.DueJitterFraction * Math.Clamp(jitter, 0, 1));
    }

    /// <summary>"ErrorType: message", as <c>continuous_processing_last_error</c> stores it.</summary>
    public static string DescribeError(string errorType, string message) => $"{errorType}: {message}";

    private static bool IsDue(CoordinatorState state, Phase phase, DateTime now) =>
        phase.DueKind() is not { } kind || !state.NextRunAt.TryGetValue(kind, out var due) || due <= now;

    private static TickDecision.Run Run(Phase phase, CoordinatorState state, TickContext context, ContinuousProcessingSettings settings, bool takeOver, List<(Phase, string)> skipped) =>
        new(phase, phase.DueKind() is null ? null : NextDue(phase, context.Now, context.DueJitter, settings), takeOver, skipped);
}
