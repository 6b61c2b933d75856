using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Workspace;

namespace InstaIntel.Domain.Tests.Workspace;

public sealed class WorkspaceQueueTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly WorkspaceSettings Settings = new() { RetryAfter = TimeSpan.FromMinutes(5), LockFor = TimeSpan.FromMinutes(10), MaxAttempts = 3 };

    private static WorkspacePostFacts Facts(bool media = true, ProfilePostAiStatus ai = ProfilePostAiStatus.Analyzed, bool history = true, int pending = 0) =>
        new(media, ai, ai == ProfilePostAiStatus.Failed ? "not a picture" : null, history, pending);

    [Fact]
    public void A_new_post_without_media_waits_for_its_download_until_the_next_run_time()
    {
        var decision = WorkspaceQueue.Decide(null, Facts(media: false), T0, Settings);

        Assert.Equal(WorkspaceStep.None, decision.Step);
        Assert.Equal(WorkspaceActionStatus.WaitingMediaDownload, decision.State.Status);
        Assert.Equal((T0.AddMinutes(5), (DateTime?)null, 1), (decision.State.NextRunAt!.Value, decision.State.LockUntil, decision.State.MediaDownloadRetryAttempts));
        Assert.Equal("the post's media is not downloaded yet", decision.State.LastError);
        Assert.Equal(T0, decision.State.LastEnqueuedAt);
    }

    [Fact]
    public void A_waiting_post_is_not_decided_again_before_its_next_run_time()
    {
        var waiting = WorkspaceQueue.Decide(null, Facts(media: false), T0, Settings).State;

        var early = WorkspaceQueue.Decide(waiting, Facts(), T0.AddMinutes(4), Settings);

        Assert.Same(waiting, early.State);
        Assert.Equal(WorkspaceStep.None, early.Step);
        Assert.False(WorkspaceQueue.IsDue(waiting, T0.AddMinutes(4)));
        Assert.True(WorkspaceQueue.IsDue(waiting, T0.AddMinutes(5)));
    }

    [Fact]
    public void A_post_moves_through_the_waiting_states_to_running_comment_generation_then_ready()
    {
        var state = WorkspaceQueue.Decide(null, Facts(media: false), T0, Settings).State;
        Assert.Equal(WorkspaceActionStatus.WaitingMediaDownload, state.Status);

        state = WorkspaceQueue.Decide(state, Facts(ai: ProfilePostAiStatus.Pending), T0.AddMinutes(5), Settings).State;
        Assert.Equal(WorkspaceActionStatus.WaitingPostAnalysis, state.Status);

        state = WorkspaceQueue.Decide(state, Facts(history: false, pending: 2), T0.AddMinutes(10), Settings).State;
        Assert.Equal(WorkspaceActionStatus.WaitingBuildHistory, state.Status);
        Assert.Equal("the profile's history waits for 2 media to be analysed", state.LastError);

        var build = WorkspaceQueue.Decide(state, Facts(history: false, pending: 0), T0.AddMinutes(15), Settings);
        Assert.Equal((WorkspaceStep.BuildHistory, WorkspaceActionStatus.Running), (build.Step, build.State.Status));
        Assert.Equal(T0.AddMinutes(25), build.State.LockUntil);

        var generate = WorkspaceQueue.Decide(WorkspaceQueue.Release(build.State, T0.AddMinutes(15)), Facts(), T0.AddMinutes(15), Settings);
        Assert.Equal((WorkspaceStep.GenerateComments, WorkspaceActionStatus.Running), (generate.Step, generate.State.Status));
        Assert.Null(generate.State.LastError);

        var ready = WorkspaceQueue.CommentsGenerated(generate.State, 6, T0.AddMinutes(16));
        Assert.Equal((WorkspaceActionStatus.Ready, 6, (DateTime?)null, (DateTime?)null, (string?)null),
            (ready.Status, ready.SuggestionsCount!.Value, ready.LockUntil, ready.NextRunAt, ready.LastError));
        Assert.Equal((1, 1), (ready.MediaDownloadRetryAttempts, ready.PostAnalysisRetryAttempts));
        Assert.True(WorkspaceQueue.IsTerminal(ready.Status));
        Assert.False(WorkspaceQueue.IsDue(ready, T0.AddDays(1)));
    }

    [Fact]
    public void A_locked_post_is_left_alone_until_its_lock_expires()
    {
        var running = WorkspaceQueue.Decide(null, Facts(), T0, Settings).State;
        Assert.Equal(WorkspaceActionStatus.Running, running.Status);

        Assert.Equal(WorkspaceStep.None, WorkspaceQueue.Decide(running, Facts(), T0.AddMinutes(9), Settings).Step);
        // A run that died with the lock held: once it expires the post is decided again.
        Assert.Equal(WorkspaceStep.GenerateComments, WorkspaceQueue.Decide(running, Facts(), T0.AddMinutes(10), Settings).Step);
    }

    [Fact]
    public void A_post_fails_with_a_reason_after_waiting_the_maximum_attempts_for_its_analysis()
    {
        WorkspaceActions? state = null;
        var at = T0;
        for (var i = 0; i < Settings.MaxAttempts; i++, at = at.AddMinutes(5))
        {
            state = WorkspaceQueue.Decide(state, Facts(ai: ProfilePostAiStatus.Pending), at, Settings).State;
            Assert.Equal(WorkspaceActionStatus.WaitingPostAnalysis, state.Status);
        }

        var failed = WorkspaceQueue.Decide(state, Facts(ai: ProfilePostAiStatus.Pending), at, Settings).State;

        Assert.Equal(WorkspaceActionStatus.Failed, failed.Status);
        Assert.True(failed.RetryExhausted);
        Assert.StartsWith("post_analysis_timeout", failed.LastError);
    }

    [Fact]
    public void A_failed_analysis_fails_the_post_with_the_analysis_error()
    {
        var failed = WorkspaceQueue.Decide(null, Facts(ai: ProfilePostAiStatus.Failed), T0, Settings).State;

        Assert.Equal((WorkspaceActionStatus.Failed, "post_analysis_failed: not a picture"), (failed.Status, failed.LastError));
    }

    [Fact]
    public void A_post_deleted_on_instagram_is_skipped()
    {
        var skipped = WorkspaceQueue.Decide(null, Facts() with { DeletedFromSource = true }, T0, Settings).State;

        Assert.Equal(WorkspaceActionStatus.SkippedDeletedSource, skipped.Status);
        Assert.True(WorkspaceQueue.IsTerminal(skipped.Status));
    }

    [Fact]
    public void A_pages_post_is_not_eligible_and_is_skipped_before_any_work_even_with_its_media_missing()
    {
        var decision = WorkspaceQueue.Decide(null, Facts(media: false) with { ProfileIsPage = true }, T0, Settings);

        Assert.Equal((WorkspaceActionStatus.SkippedPageProfile, WorkspaceStep.None), (decision.State.Status, decision.Step));
        Assert.True(WorkspaceQueue.IsTerminal(decision.State.Status));
        Assert.False(WorkspaceQueue.IsDue(decision.State, T0.AddDays(1)));
    }

    [Fact]
    public void A_blocked_policy_fails_the_post_with_its_reason_and_a_provider_error_is_retried_then_fails()
    {
        var running = WorkspaceQueue.Decide(null, Facts(), T0, Settings).State;

        var blocked = WorkspaceQueue.CommentsBlocked(running, "missing_visual_context", "no face and no text", T0);
        Assert.Equal((WorkspaceActionStatus.Failed, "comment_generation_blocked: missing_visual_context (no face and no text)", 0),
            (blocked.Status, blocked.LastError, blocked.SuggestionsCount!.Value));

        var retry = WorkspaceQueue.CommentsFailed(running, "ollama answered 503", T0, Settings);
        Assert.Equal((WorkspaceActionStatus.WaitingCommentGeneration, T0.AddMinutes(5), 1), (retry.Status, retry.NextRunAt!.Value, retry.CommentGenerationRetryAttempts));
        var last = retry with { CommentGenerationRetryAttempts = Settings.MaxAttempts };
        Assert.Equal(WorkspaceActionStatus.Failed, WorkspaceQueue.CommentsFailed(last, "ollama answered 503", T0, Settings).Status);
    }
}
