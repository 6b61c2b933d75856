using System.Collections.Immutable;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Domain.Tests.Processing;

public sealed class ContinuousProcessingTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ContinuousProcessingSettings Settings = new();

    private static CoordinatorState Idle(params (WorkKind Kind, DateTime Due)[] due) => new(
        Enabled: true,
        State: ContinuousProcessingState.Idle,
        LoginState: LoginState.Authenticated,
        RetryAfterAt: null,
        LastHeartbeatAt: null,
        NextRunAt: due.ToImmutableDictionary(d => d.Kind, d => d.Due),
        FailureCount: 0);

    private static TickContext Tick(bool aiHealthy = true, Backlog? backlog = null, bool workspace = false, double jitter = 0, bool workspaceRoom = true) =>
        new(Now, Manual: false, aiHealthy, backlog ?? Backlog.None, workspace, jitter, workspaceRoom);

    private static readonly DateTime Later = Now.AddHours(1);

    private static (WorkKind, DateTime)[] AllDueLaterExcept(params WorkKind[] due) =>
        Enum.GetValues<WorkKind>().Where(k => !due.Contains(k)).Select(k => (k, Later)).ToArray();

    [Fact]
    public void A_new_account_syncs_stories_first_because_a_missing_due_time_is_due()
    {
        var decision = Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(Idle(), Tick(), Settings));
        Assert.Equal(Phase.StorySync, decision.Phase);
        Assert.Equal(Now.AddMinutes(90), decision.NextDueAt);
        Assert.False(decision.TookOverStaleRun);
    }

    [Theory]
    [InlineData(new[] { WorkKind.StorySync, WorkKind.FeedSync, WorkKind.ProfileScan }, Phase.StorySync)]
    [InlineData(new[] { WorkKind.FeedSync, WorkKind.ProfileScan }, Phase.FeedSync)]
    [InlineData(new[] { WorkKind.FollowGraphSync }, Phase.FollowGraphSync)]
    public void One_phase_per_tick_in_priority_order(WorkKind[] due, Phase expected)
    {
        var state = Idle(AllDueLaterExcept(due));
        var decision = Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(state, Tick(), Settings));
        Assert.Equal(expected, decision.Phase);
    }

    [Fact]
    public void A_profile_scan_goes_before_a_follow_graph_sync_once_the_graph_was_read()
    {
        // The graph's due time exists (it ran before) and has passed: the usual priority holds.
        var state = Idle([.. AllDueLaterExcept(WorkKind.ProfileScan, WorkKind.FollowGraphSync), (WorkKind.FollowGraphSync, Now.AddMinutes(-1))]);
        var decision = Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(state, Tick(), Settings));
        Assert.Equal(Phase.ProfileScan, decision.Phase);
    }

    [Fact]
    public void A_new_accounts_first_profile_scan_waits_for_its_first_follow_graph_sync()
    {
        var state = Idle(AllDueLaterExcept(WorkKind.ProfileScan, WorkKind.FollowGraphSync));
        var decision = Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(state, Tick(), Settings));
        Assert.Equal(Phase.FollowGraphSync, decision.Phase);
    }

    [Fact]
    public void Workspace_actions_run_before_a_profile_scan_when_posts_need_processing()
    {
        var state = Idle(AllDueLaterExcept(WorkKind.ProfileScan));
        var decision = Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(state, Tick(workspace: true), Settings));
        Assert.Equal(Phase.WorkspaceActions, decision.Phase);
        Assert.Null(decision.NextDueAt);
    }

    [Fact]
    public void Pending_workspace_work_waits_while_the_node_is_full_and_the_profile_work_goes_ahead()
    {
        var state = Idle(AllDueLaterExcept(WorkKind.ProfileScan, WorkKind.FollowGraphSync));
        var decision = Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(state, Tick(workspace: true, workspaceRoom: false), Settings));
        Assert.Equal(Phase.FollowGraphSync, decision.Phase);
        Assert.Equal([(Phase.WorkspaceActions, ContinuousProcessing.WorkspaceBusy)], decision.Skipped);
    }

    [Fact]
    public void Pending_workspace_work_with_nothing_else_due_waits_for_room_without_touching_due_times()
    {
        var skip = Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(Idle(AllDueLaterExcept()), Tick(workspace: true, workspaceRoom: false), Settings));
        Assert.Equal(SkipReason.NothingDue, skip.Reason);
        Assert.Contains(ContinuousProcessing.WorkspaceBusy, skip.Detail);
    }

    [Fact]
    public void Nothing_due_skips_without_touching_due_times()
    {
        var skip = Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(Idle(AllDueLaterExcept()), Tick(), Settings));
        Assert.Equal(SkipReason.NothingDue, skip.Reason);
    }

    [Fact]
    public void Bad_ai_health_skips_story_and_feed_and_turns_the_profile_scan_into_a_refresh()
    {
        var state = Idle(AllDueLaterExcept(WorkKind.StorySync, WorkKind.FeedSync, WorkKind.ProfileScan));
        var decision = Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(state, Tick(aiHealthy: false), Settings));
        Assert.Equal(Phase.ProfileRefresh, decision.Phase);
        Assert.Equal(Now.AddMinutes(45), decision.NextDueAt);
        Assert.Equal([(Phase.StorySync, "ai_unhealthy"), (Phase.FeedSync, "ai_unhealthy")], decision.Skipped);
    }

    [Theory]
    [InlineData(false, ContinuousProcessingState.Idle, SkipReason.Disabled)]
    [InlineData(true, ContinuousProcessingState.Paused, SkipReason.Paused)]
    public void Disabled_or_paused_accounts_start_nothing(bool enabled, ContinuousProcessingState state, SkipReason reason)
    {
        var skip = Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(Idle() with { Enabled = enabled, State = state }, Tick(), Settings));
        Assert.Equal(reason, skip.Reason);
    }

    [Fact]
    public void An_account_paused_for_its_session_names_the_session_as_the_reason_even_for_a_manual_run()
    {
        var state = Idle() with { State = ContinuousProcessingState.Paused, LoginState = LoginState.AuthenticationRequired };
        var skip = Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(state, Tick() with { Manual = true }, Settings));
        Assert.Equal(SkipReason.AuthenticationRequired, skip.Reason);
    }

    [Fact]
    public void A_retry_after_in_the_future_holds_back_even_a_manual_run()
    {
        var state = Idle() with { RetryAfterAt = Now.AddMinutes(1), FailureCount = 1 };
        var skip = Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(state, Tick() with { Manual = true }, Settings));
        Assert.Equal(SkipReason.RetryBackoff, skip.Reason);
        Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(state with { RetryAfterAt = Now }, Tick(), Settings));
    }

    [Fact]
    public void A_fresh_heartbeat_means_already_running_and_a_stale_one_is_taken_over()
    {
        var running = Idle() with { State = ContinuousProcessingState.Running, LastHeartbeatAt = Now.AddMinutes(-14) };
        Assert.Equal(SkipReason.AlreadyRunning, Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(running, Tick(), Settings)).Reason);

        var stale = running with { LastHeartbeatAt = Now.AddMinutes(-15) };
        var takeover = Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(stale, Tick(), Settings));
        Assert.True(takeover.TookOverStaleRun);

        var neverBeat = running with { LastHeartbeatAt = null };
        Assert.True(Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(neverBeat, Tick(), Settings)).TookOverStaleRun);
    }

    [Fact]
    public void Pending_backlog_enqueues_nothing_and_reports_the_counts()
    {
        var skip = Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(Idle(), Tick(backlog: new Backlog(StoryPipelines: 2, ActiveStreams: 1)), Settings));
        Assert.Equal(SkipReason.PendingBacklog, skip.Reason);
        Assert.Contains("story_pipelines=2", skip.Detail);
        Assert.Contains("active_streams=1", skip.Detail);
    }

    [Fact]
    public void Authentication_required_starts_nothing_until_a_session_is_imported()
    {
        var state = Idle() with { LoginState = LoginState.AuthenticationRequired, RetryAfterAt = Now.AddHours(2) };
        Assert.Equal(SkipReason.AuthenticationRequired, Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(state, Tick(), Settings)).Reason);
        // Even after the window the account waits for a new session: importing one sets Authenticated.
        Assert.Equal(SkipReason.AuthenticationRequired, Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(state with { RetryAfterAt = null }, Tick(), Settings)).Reason);
        Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(state with { LoginState = LoginState.Authenticated, RetryAfterAt = null }, Tick(), Settings));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 15)]
    [InlineData(3, 30)]
    [InlineData(4, 60)]
    [InlineData(5, 180)]
    [InlineData(12, 180)]
    public void Backoff_grows_with_failures_and_is_capped_at_three_hours(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), ContinuousProcessing.Backoff(failures, Settings));

    [Fact]
    public void Retry_after_a_failure_adds_up_to_ninety_seconds_of_jitter()
    {
        Assert.Equal(Now.AddMinutes(15), ContinuousProcessing.RetryAfterFailure(Now, 2, 0, Settings));
        Assert.Equal(Now.AddMinutes(15).AddSeconds(90), ContinuousProcessing.RetryAfterFailure(Now, 2, 1, Settings));
        Assert.Equal(Now.AddMinutes(15).AddSeconds(90), ContinuousProcessing.RetryAfterFailure(Now, 2, 7, Settings));
    }

    [Fact]
    public void Authentication_backoff_is_two_hours_and_never_shortens_a_longer_wait()
    {
        Assert.Equal(Now.AddHours(2), ContinuousProcessing.RetryAfterAuthenticationFailure(Now, null, Settings));
        Assert.Equal(Now.AddHours(2), ContinuousProcessing.RetryAfterAuthenticationFailure(Now, Now.AddMinutes(5), Settings));
        Assert.Equal(Now.AddHours(3), ContinuousProcessing.RetryAfterAuthenticationFailure(Now, Now.AddHours(3), Settings));
    }

    [Fact]
    public void Next_due_adds_at_most_twelve_percent_of_the_interval()
    {
        Assert.Equal(Now.AddMinutes(90), ContinuousProcessing.NextDue(Phase.StorySync, Now, 0, Settings));
        Assert.Equal(Now.AddMinutes(90 * 1.12), ContinuousProcessing.NextDue(Phase.StorySync, Now, 1, Settings));
        Assert.Equal(Now.AddHours(2 * 1.06), ContinuousProcessing.NextDue(Phase.FeedSync, Now, 0.5, Settings));
    }
}
