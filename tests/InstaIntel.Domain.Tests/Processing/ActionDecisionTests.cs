using System.Collections.Immutable;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Domain.Tests.Processing;

/// <summary><see cref="ContinuousProcessing.DecideFor"/>: an operator's action for one phase.</summary>
public sealed class ActionDecisionTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ContinuousProcessingSettings Settings = new();
    private static readonly TickContext Tick = new(Now, Manual: true, AiHealthy: false, Backlog.None, WorkspaceHasPendingPosts: true, DueJitter: 0);

    private static CoordinatorState State(bool enabled = true, ContinuousProcessingState state = ContinuousProcessingState.Idle,
        LoginState login = LoginState.Authenticated, DateTime? retryAfter = null, DateTime? heartbeat = null) =>
        new(enabled, state, login, retryAfter, heartbeat,
            // Every phase is due far in the future: an action runs anyway.
            Enum.GetValues<WorkKind>().ToImmutableDictionary(k => k, _ => Now.AddDays(1)), FailureCount: 0);

    [Theory]
    [InlineData(Phase.FollowGraphSync)]
    [InlineData(Phase.StorySync)]
    [InlineData(Phase.ProfileRefresh)]
    public void The_asked_phase_runs_whether_due_or_not_and_its_due_time_moves_on(Phase phase)
    {
        var run = Assert.IsType<TickDecision.Run>(ContinuousProcessing.DecideFor(phase, State(), Tick, Settings));
        Assert.Equal(phase, run.Phase);
        Assert.Equal(ContinuousProcessing.NextDue(phase, Now, 0, Settings), run.NextDueAt);
    }

    [Fact]
    public void Disabling_continuous_processing_stops_the_schedule_not_an_operator()
    {
        Assert.IsType<TickDecision.Run>(ContinuousProcessing.DecideFor(Phase.StorySync, State(enabled: false), Tick, Settings));
        Assert.Equal(SkipReason.Disabled, Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(State(enabled: false), Tick, Settings)).Reason);
    }

    [Fact]
    public void An_action_keeps_the_guards_of_a_tick()
    {
        Skip(SkipReason.Paused, State(state: ContinuousProcessingState.Paused));
        Skip(SkipReason.RetryBackoff, State(retryAfter: Now.AddMinutes(5)));
        Skip(SkipReason.AuthenticationRequired, State(login: LoginState.NotAuthenticated));
        Skip(SkipReason.AlreadyRunning, State(state: ContinuousProcessingState.Running, heartbeat: Now.AddMinutes(-1)));
        var backlog = Assert.IsType<TickDecision.Skip>(ContinuousProcessing.DecideFor(Phase.StorySync, State(), Tick with { Backlog = new Backlog(StoryPipelines: 1) }, Settings));
        Assert.Equal(SkipReason.PendingBacklog, backlog.Reason);
        // A stale run is taken over, as a tick would.
        var takeOver = Assert.IsType<TickDecision.Run>(ContinuousProcessing.DecideFor(Phase.StorySync,
            State(state: ContinuousProcessingState.Running, heartbeat: Now - Settings.StaleHeartbeatAfter - TimeSpan.FromMinutes(1)), Tick, Settings));
        Assert.True(takeOver.TookOverStaleRun);
    }

    [Fact]
    public void An_action_for_workspace_actions_is_refused_while_the_nodes_workspace_runs_are_all_taken()
    {
        // Accepted, it would only wait for a slot while holding the account; other phases are not held back.
        var full = Tick with { WorkspaceRoom = false };
        var refused = Assert.IsType<TickDecision.Skip>(ContinuousProcessing.DecideFor(Phase.WorkspaceActions, State(), full, Settings));
        Assert.Equal((SkipReason.PendingBacklog, ContinuousProcessing.WorkspaceBusy), (refused.Reason, refused.Detail));
        Assert.IsType<TickDecision.Run>(ContinuousProcessing.DecideFor(Phase.StorySync, State(), full, Settings));
        Assert.IsType<TickDecision.Run>(ContinuousProcessing.DecideFor(Phase.WorkspaceActions, State(), Tick, Settings));
    }

    private static void Skip(SkipReason reason, CoordinatorState state) =>
        Assert.Equal(reason, Assert.IsType<TickDecision.Skip>(ContinuousProcessing.DecideFor(Phase.FollowGraphSync, state, Tick, Settings)).Reason);
}
