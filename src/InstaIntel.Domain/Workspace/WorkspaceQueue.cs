using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;

namespace InstaIntel.Domain.Workspace;

/// <summary><c>InstaIntel:Processing:Workspace</c>: which posts enter the queue and how long a post may wait.</summary>
public sealed record WorkspaceSettings
{
    public const string Section = "InstaIntel:Processing:Workspace";

    /// <summary>Posts taken within this window enter the queue.</summary>
    public TimeSpan RecentWithin { get; init; } = TimeSpan.FromDays(14);
    /// <summary>How long a run holds a post it works on; another processor leaves it alone meanwhile.</summary>
    public TimeSpan LockFor { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>When a waiting post is looked at again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Runs a post may wait for its media, its analysis or its comments before it fails.</summary>
    public int MaxAttempts { get; init; } = 12;
    /// <summary>Posts looked at per run.</summary>
    public int BatchSize { get; init; } = 20;

    public void Validate()
    {
        if (RecentWithin <= TimeSpan.Zero || LockFor <= TimeSpan.Zero || RetryAfter < TimeSpan.Zero)
            throw new ArgumentException($"{Section}: RecentWithin and LockFor must be positive, RetryAfter not negative");
        if (MaxAttempts < 1 || BatchSize < 1) throw new ArgumentException($"{Section}: MaxAttempts and BatchSize must be at least 1");
    }
}

/// <summary>What the queue knows about a post and its profile when it decides the post's next state.</summary>
public sealed record WorkspacePostFacts(
    bool MediaStored,
    ProfilePostAiStatus AiStatus,
    string? AnalysisFailure,
    bool HistoryCurrent,
    int ProfileMediaPendingAnalysis,
    bool DeletedFromSource = false,
    bool ProfileIsPage = false);

/// <summary>The work the driver does for a post the queue has claimed.</summary>
public enum WorkspaceStep
{
    /// <summary>Nothing now: the post waits (or is done, or someone else holds it).</summary>
    None,
    /// <summary>Build the profile's history, then decide again.</summary>
    BuildHistory,
    /// <summary>Generate and score the comment suggestions.</summary>
    GenerateComments,
}

/// <summary>A decision: the post's new <c>workspace_actions</c> and the step to run under its lock.</summary>
public sealed record WorkspaceDecision(WorkspaceActions State, WorkspaceStep Step);

/// <summary>
/// The workspace queue's state machine (BEHAVIOUR.md §6): a recent post moves from <c>queued</c> through
/// <c>waiting_media_download</c>, <c>waiting_post_analysis</c> and <c>waiting_build_history</c> to <c>running</c> (its
/// comments being generated under a lock) and ends <c>ready</c> with its suggestion count, <c>failed</c> with a reason,
/// or <c>skipped_*</c>. A waiting post is looked at again at <c>next_run_at</c>; it fails once it has waited
/// <see cref="WorkspaceSettings.MaxAttempts"/> times for the same thing. Pure: the driver supplies the facts and the time.
/// </summary>
public static class WorkspaceQueue
{
    public const string Source = "workspace_actions_phase";

    public static bool IsTerminal(WorkspaceActionStatus status) => status is WorkspaceActionStatus.Ready or WorkspaceActionStatus.Failed
        or WorkspaceActionStatus.SkippedPageProfile or WorkspaceActionStatus.SkippedDeletedSource or WorkspaceActionStatus.SkippedNonUserPost
        or WorkspaceActionStatus.SkippedUnsuitableContent;

    /// <summary>A post entering the queue.</summary>
    public static WorkspaceActions Enqueue(DateTime now) => new()
    {
        Status = WorkspaceActionStatus.Queued, RequestedBy = "coordinator", Source = Source, QueueName = "workspace_actions",
        LastEnqueuedAt = now, NextRunAt = now, UpdatedAt = now,
    };

    /// <summary>Whether a run may look at the post now: not finished, not held by another run's lock, and due.</summary>
    public static bool IsDue(WorkspaceActions? state, DateTime now) =>
        state is null || (!IsTerminal(state.Status) && !(state.LockUntil > now) && !(state.NextRunAt > now));

    /// <summary>The post's next state from what is known of it; a step to run when the post is ready for one.</summary>
    public static WorkspaceDecision Decide(WorkspaceActions? current, WorkspacePostFacts facts, DateTime now, WorkspaceSettings settings)
    {
        var state = current ?? Enqueue(now);
        if (!IsDue(state, now)) return new WorkspaceDecision(state, WorkspaceStep.None);
        if (facts.DeletedFromSource)
            return Finish(state, WorkspaceActionStatus.SkippedDeletedSource, "the post was deleted on Instagram", now);
        // Only people's posts are eligible: a page (a business profile, tagged page) gets no comment suggestions.
        if (facts.ProfileIsPage)
            return Finish(state, WorkspaceActionStatus.SkippedPageProfile, "the profile is a page, not a person", now);
        // A failed analysis is final whatever became of the media since.
        if (facts.AiStatus == ProfilePostAiStatus.Failed)
            return Finish(state, WorkspaceActionStatus.Failed, $"post_analysis_failed: {facts.AnalysisFailure ?? "unknown error"}", now);
        if (!facts.MediaStored)
        {
            var attempts = state.MediaDownloadRetryAttempts + 1;
            return attempts > settings.MaxAttempts
                ? Finish(state with { MediaDownloadRetryAttempts = attempts, RetryExhausted = true }, WorkspaceActionStatus.Failed, "media_download_unavailable: the post's media was never stored", now)
                : Wait(state with { MediaDownloadRetryAttempts = attempts }, WorkspaceActionStatus.WaitingMediaDownload, "the post's media is not downloaded yet", now, settings);
        }
        if (facts.AiStatus != ProfilePostAiStatus.Analyzed)
        {
            var attempts = state.PostAnalysisRetryAttempts + 1;
            return attempts > settings.MaxAttempts
                ? Finish(state with { PostAnalysisRetryAttempts = attempts, RetryExhausted = true }, WorkspaceActionStatus.Failed, "post_analysis_timeout: the post was never analysed", now)
                : Wait(state with { PostAnalysisRetryAttempts = attempts }, WorkspaceActionStatus.WaitingPostAnalysis, "the post is not analysed yet", now, settings);
        }
        if (!facts.HistoryCurrent)
        {
            // The history is built once the profile's media are analysed, so it tells what they show.
            if (facts.ProfileMediaPendingAnalysis > 0)
                return Wait(state, WorkspaceActionStatus.WaitingBuildHistory,
                    $"the profile's history waits for {facts.ProfileMediaPendingAnalysis} media to be analysed", now, settings);
            return Claim(state, WorkspaceStep.BuildHistory, now, settings);
        }
        return Claim(state, WorkspaceStep.GenerateComments, now, settings);
    }

    /// <summary>Suggestions were written: the post is ready.</summary>
    public static WorkspaceActions CommentsGenerated(WorkspaceActions state, int suggestions, DateTime now) =>
        Finish(state with { SuggestionsCount = suggestions }, WorkspaceActionStatus.Ready, null, now).State;

    /// <summary>The comment policy blocked generation: the post fails with the policy's reason.</summary>
    public static WorkspaceActions CommentsBlocked(WorkspaceActions state, string reasonCode, string? reason, DateTime now) =>
        Finish(state with { SuggestionsCount = 0 }, WorkspaceActionStatus.Failed, $"comment_generation_blocked: {reasonCode}{(reason is null ? "" : $" ({reason})")}", now).State;

    /// <summary>Generation failed (a provider error): retried later, failed after the last attempt.</summary>
    public static WorkspaceActions CommentsFailed(WorkspaceActions state, string error, DateTime now, WorkspaceSettings settings)
    {
        var attempts = state.CommentGenerationRetryAttempts + 1;
        return attempts > settings.MaxAttempts
            ? Finish(state with { CommentGenerationRetryAttempts = attempts, RetryExhausted = true }, WorkspaceActionStatus.Failed, $"comment_generation_failed: {error}", now).State
            : Wait(state with { CommentGenerationRetryAttempts = attempts }, WorkspaceActionStatus.WaitingCommentGeneration, $"comment generation failed: {error}", now, settings).State;
    }

    /// <summary>After the history build the post is decided again at once, so its lock is released.</summary>
    public static WorkspaceActions Release(WorkspaceActions state, DateTime now) => state with { LockUntil = null, NextRunAt = now, UpdatedAt = now };

    private static WorkspaceDecision Claim(WorkspaceActions state, WorkspaceStep step, DateTime now, WorkspaceSettings settings) =>
        new(state with { Status = WorkspaceActionStatus.Running, LockUntil = now + settings.LockFor, NextRunAt = null, LastError = null, UpdatedAt = now }, step);

    private static WorkspaceDecision Wait(WorkspaceActions state, WorkspaceActionStatus status, string why, DateTime now, WorkspaceSettings settings) =>
        new(state with { Status = status, LockUntil = null, NextRunAt = now + settings.RetryAfter, LastError = why, UpdatedAt = now }, WorkspaceStep.None);

    private static WorkspaceDecision Finish(WorkspaceActions state, WorkspaceActionStatus status, string? why, DateTime now) =>
        new(state with { Status = status, LockUntil = null, NextRunAt = null, LastError = why, UpdatedAt = now }, WorkspaceStep.None);
}
