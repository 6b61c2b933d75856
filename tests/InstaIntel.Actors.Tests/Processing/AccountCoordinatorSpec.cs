using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Processing;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Processing;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// The coordinator inside the account entity, on the real SQL journal, with scripted children: each child hands
/// what it receives to a probe, so the test plays the child's part (succeed, fail, crash, heartbeat).
/// </summary>
public sealed class AccountCoordinatorSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private readonly TestDatabase _database;
    private readonly HostedActorSystem _hosted;
    private readonly TestProbe _children;
    private readonly AccountEntitySettings _settings;
    private readonly ScriptedWorkers _workers;

    public AccountCoordinatorSpec() : this(Prepare()) { }

    private AccountCoordinatorSpec((TestDatabase Database, HostedActorSystem Hosted) prepared) : base(prepared.Hosted.System)
    {
        _database = prepared.Database;
        _hosted = prepared.Hosted;
        _children = CreateTestProbe();
        _workers = new ScriptedWorkers(_children);
        _settings = new AccountEntitySettings { TickInterval = TimeSpan.FromHours(1), SnapshotEvery = 1000 };
    }

    private static (TestDatabase, HostedActorSystem) Prepare()
    {
        var database = TestDatabase.CreateAsync(DatabaseEngine.Sqlite, migrate: true).GetAwaiter().GetResult();
        return (database, HostedActorSystem.Start(database.Storage));
    }

    private AccountRepository Accounts => _hosted.Services.GetRequiredService<AccountRepository>();

    private IActorRef Spawn(string username, AccountEntitySettings? settings = null, AiHealthStatus? aiHealth = null) =>
        Sys.ActorOf(AccountEntity.Props(username, Accounts, settings ?? _settings, _workers, aiHealth: aiHealth), $"{username}-{Guid.NewGuid():N}");

    private IActorRef Created(string username, AccountEntitySettings? settings = null, AiHealthStatus? aiHealth = null)
    {
        var entity = Spawn(username, settings, aiHealth);
        entity.Tell(new CreateAccount(username));
        ExpectMsg<AccountView>();
        entity.Tell(new ImportSession(username, "4242"));
        ExpectMsg<AccountView>();
        return entity;
    }

    private (StartPhase Start, IActorRef Child) ExpectStart()
    {
        var start = _children.ExpectMsg<StartPhase>(TimeSpan.FromSeconds(10));
        return (start, _children.LastSender);
    }

    private AccountView View(IActorRef entity)
    {
        entity.Tell(new GetAccount(""));
        return ExpectMsg<AccountView>();
    }

    [Fact]
    public void Run_now_starts_the_first_due_phase_on_its_child_and_success_resets_the_failure_state()
    {
        var entity = Created("ada");
        var before = DateTime.UtcNow;
        entity.Tell(new RunNow("ada", "api"));
        var accepted = ExpectMsg<RunAccepted>();
        Assert.Equal(Phase.StorySync, accepted.Phase);

        var (start, child) = ExpectStart();
        Assert.Equal(accepted.RunId, start.RunId);
        Assert.Equal("story-ingestion", child.Path.Name);
        Assert.Equal("4242", start.InstagramUserId);
        var running = View(entity);
        Assert.Equal(ContinuousProcessingState.Running, running.State);
        Assert.Equal(Phase.StorySync, running.CurrentPhase);
        // Next story sync: +90 min plus up to 12 % jitter.
        var due = running.NextRunAt[WorkKind.StorySync]!.Value;
        Assert.InRange(due, before.AddMinutes(90), DateTime.UtcNow.AddMinutes(90 * 1.12));

        // Never two runs at once for one account.
        entity.Tell(new RunNow("ada", "cli"));
        Assert.Equal(SkipReason.AlreadyRunning, ExpectMsg<RunNotStarted>().Reason);

        entity.Tell(new PhaseSucceeded(start.RunId, ImmutableDictionary<string, int>.Empty.Add("stories_saved", 3)));
        AwaitAssert(() =>
        {
            var idle = View(entity);
            Assert.Equal(ContinuousProcessingState.Idle, idle.State);
            Assert.Equal(0, idle.FailureCount);
            Assert.Null(idle.RetryAfterAt);
            Assert.NotNull(idle.LastFinishedAt);
            Assert.Null(idle.CurrentRunId);
        });
    }

    [Fact]
    public void A_failed_phase_backs_off_and_run_now_respects_the_backoff()
    {
        var entity = Created("bea");
        entity.Tell(new RunNow("bea"));
        ExpectMsg<RunAccepted>();
        var (start, _) = ExpectStart();
        var failedAt = DateTime.UtcNow;
        entity.Tell(new PhaseFailed(start.RunId, "TransientException", "server error 502", Authentication: false));

        AwaitAssert(() =>
        {
            var view = View(entity);
            Assert.Equal(1, view.FailureCount);
            Assert.Equal("TransientException: server error 502", view.LastError);
            // First failure: 5 minutes plus up to 90 s of jitter.
            Assert.InRange(view.RetryAfterAt!.Value, failedAt.AddMinutes(5), DateTime.UtcNow.AddMinutes(5).AddSeconds(90));
            Assert.Equal(ContinuousProcessingState.Idle, view.State);
        });
        entity.Tell(new RunNow("bea"));
        Assert.Equal(SkipReason.RetryBackoff, ExpectMsg<RunNotStarted>().Reason);
        _children.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_child_crash_mid_run_is_recorded_as_a_failure_and_the_child_is_restarted()
    {
        var entity = Created("cyd");
        entity.Tell(new RunNow("cyd"));
        ExpectMsg<RunAccepted>();
        var (start, child) = ExpectStart();
        child.Tell(ScriptedChild.Crash);

        AwaitAssert(() =>
        {
            var view = View(entity);
            Assert.Equal(1, view.FailureCount);
            Assert.StartsWith("InvalidOperationException: scripted crash", view.LastError);
            Assert.Null(view.CurrentRunId);
        });
        // Restarted, not stopped: it still answers.
        child.Tell(new PhaseHeartbeat(start.RunId));
        _children.ExpectMsg<PhaseHeartbeat>();
    }

    [Fact]
    public void An_authentication_failure_logs_the_account_out_until_a_session_is_imported()
    {
        var entity = Created("dot");
        entity.Tell(new RunNow("dot"));
        ExpectMsg<RunAccepted>();
        var (start, _) = ExpectStart();
        var failedAt = DateTime.UtcNow;
        entity.Tell(new PhaseFailed(start.RunId, "AuthenticationRequiredException", "login_required", Authentication: true));

        AwaitAssert(() =>
        {
            var view = View(entity);
            Assert.Equal(LoginState.AuthenticationRequired, view.LoginState);
            Assert.Equal((ContinuousProcessingState.Paused, AccountState.AuthenticationPauseReason), (view.State, view.PausedReason));
            Assert.True(view.RetryAfterAt >= failedAt.AddHours(2));
        });
        entity.Tell(new RunNow("dot"));
        Assert.Equal(SkipReason.AuthenticationRequired, ExpectMsg<RunNotStarted>().Reason);

        entity.Tell(new ImportSession("dot", "4242"));
        var imported = ExpectMsg<AccountView>();
        Assert.Null(imported.RetryAfterAt);
        Assert.Equal((ContinuousProcessingState.Idle, null), (imported.State, imported.PausedReason));
        entity.Tell(new RunNow("dot"));
        ExpectMsg<RunAccepted>();
    }

    [Fact]
    public void An_operators_pause_over_an_authentication_pause_is_not_lifted_by_a_session_import()
    {
        var entity = Created("dex");
        entity.Tell(new RunNow("dex"));
        ExpectMsg<RunAccepted>();
        var (start, _) = ExpectStart();
        entity.Tell(new PhaseFailed(start.RunId, "AuthenticationRequiredException", "login_required", Authentication: true));
        AwaitAssert(() => Assert.Equal(AccountState.AuthenticationPauseReason, View(entity).PausedReason));

        entity.Tell(new PauseAccount("dex", "under review"));
        var paused = ExpectMsg<AccountView>();
        Assert.Equal((ContinuousProcessingState.Paused, "under review"), (paused.State, paused.PausedReason));

        entity.Tell(new ImportSession("dex", "4243"));
        var imported = ExpectMsg<AccountView>();
        Assert.Equal(LoginState.Authenticated, imported.LoginState);
        Assert.Equal((ContinuousProcessingState.Paused, "under review"), (imported.State, imported.PausedReason));
        entity.Tell(new RunNow("dex"));
        Assert.Equal(SkipReason.Paused, ExpectMsg<RunNotStarted>().Reason);
    }

    [Fact]
    public void Media_awaiting_analysis_make_the_workspace_phase_due_until_a_run_leaves_none()
    {
        var entity = Created("fay", new AccountEntitySettings { TickInterval = TimeSpan.FromMilliseconds(200), SnapshotEvery = 1000 });
        var (stories, _) = ExpectStart();
        Assert.Equal(Phase.StorySync, stories.Phase);
        entity.Tell(new PhaseSucceeded(stories.RunId, ImmutableDictionary<string, int>.Empty));
        var (feed, _) = ExpectStart();
        Assert.Equal(Phase.FeedSync, feed.Phase);
        // media-analysis heard of captured media while the feed ran: the workspace phase comes before the profile work.
        entity.Tell(new MediaAwaitingAnalysis(4));
        entity.Tell(new PhaseSucceeded(feed.RunId, ImmutableDictionary<string, int>.Empty));
        var (workspace, child) = ExpectStart();
        Assert.Equal(Phase.WorkspaceActions, workspace.Phase);
        Assert.Equal("media-analysis", child.Path.Name);
        // A full batch leaves the phase due; a run that left nothing pending lets the profile work go on.
        entity.Tell(new PhaseSucceeded(workspace.RunId, ImmutableDictionary<string, int>.Empty.Add("batch_full", 1)));
        var (again, _) = ExpectStart();
        Assert.Equal(Phase.WorkspaceActions, again.Phase);
        entity.Tell(new PhaseSucceeded(again.RunId, ImmutableDictionary<string, int>.Empty.Add("stories_pending_analysis", 0)));
        var (next, _) = ExpectStart();
        Assert.Equal(Phase.FollowGraphSync, next.Phase);
    }

    [Fact]
    public void Media_wait_while_the_node_runs_all_the_workspace_runs_it_allows_and_the_profile_work_goes_ahead()
    {
        _workers.WorkspaceRoom = false;
        var entity = Created("kit", new AccountEntitySettings { TickInterval = TimeSpan.FromMilliseconds(200), SnapshotEvery = 1000 });
        var (stories, _) = ExpectStart();
        Assert.Equal(Phase.StorySync, stories.Phase);
        entity.Tell(new MediaAwaitingAnalysis(3));
        entity.Tell(new PhaseSucceeded(stories.RunId, ImmutableDictionary<string, int>.Empty));
        var (feed, _) = ExpectStart();
        Assert.Equal(Phase.FeedSync, feed.Phase);
        entity.Tell(new PhaseSucceeded(feed.RunId, ImmutableDictionary<string, int>.Empty));
        // The node is full: the media wait, the follow graph is read meanwhile.
        var (graph, _) = ExpectStart();
        Assert.Equal(Phase.FollowGraphSync, graph.Phase);
        entity.Tell(new PhaseSucceeded(graph.RunId, ImmutableDictionary<string, int>.Empty));
        var (scan, _) = ExpectStart();
        Assert.Equal(Phase.ProfileScan, scan.Phase);
        entity.Tell(new PhaseSucceeded(scan.RunId, ImmutableDictionary<string, int>.Empty));
        // Nothing else is due: the account stays idle, its media still waiting, until the node has room.
        _children.ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(ContinuousProcessingState.Idle, View(entity).State);
        _workers.WorkspaceRoom = true;
        var (workspace, child) = ExpectStart();
        Assert.Equal(Phase.WorkspaceActions, workspace.Phase);
        Assert.Equal("media-analysis", child.Path.Name);
    }

    [Fact]
    public void While_ai_is_unhealthy_a_due_story_sync_is_skipped_and_a_due_profile_scan_runs_as_a_profile_refresh()
    {
        var ai = new AiHealthStatus();
        ai.Report(new AiHealthVerdict(false, "no healthy provider for media_understanding (local: model missing)", DateTime.UtcNow));
        var entity = Created("gus", new AccountEntitySettings { TickInterval = TimeSpan.FromMilliseconds(200), SnapshotEvery = 1000 }, ai);

        // A new account has every phase due. Story and feed sync bring media to analyse: skipped, the graph sync runs first.
        var (graph, _) = ExpectStart();
        Assert.Equal(Phase.FollowGraphSync, graph.Phase);
        entity.Tell(new PhaseSucceeded(graph.RunId, ImmutableDictionary<string, int>.Empty));
        // The story sync is still due, but the schedule's next run is the profile scan, made a refresh (no new posts to analyse).
        var (profiles, child) = ExpectStart();
        Assert.Equal(Phase.ProfileRefresh, profiles.Phase);
        Assert.Equal("profile-sync", child.Path.Name);

        // The next verdict says healthy: the story sync that waited is the next run.
        ai.Report(new AiHealthVerdict(true, "media_understanding by local; text_generation by local", DateTime.UtcNow));
        entity.Tell(new PhaseSucceeded(profiles.RunId, ImmutableDictionary<string, int>.Empty));
        var (stories, _) = ExpectStart();
        Assert.Equal(Phase.StorySync, stories.Phase);
    }

    [Fact]
    public async Task An_account_makes_each_child_when_it_first_needs_it_and_hands_captured_media_to_media_analysis()
    {
        var entity = Created("gus");
        // Created, not yet run: the entity alone (an idle fleet is one actor per account).
        Assert.Empty(await ChildNamesAsync(entity));

        entity.Tell(new RunNow("gus"));
        ExpectMsg<RunAccepted>();
        var (start, storyChild) = ExpectStart();
        Assert.Equal(["story-ingestion"], await ChildNamesAsync(entity));

        // A capturing child announces new media to its entity, which makes media-analysis to hear it.
        entity.Tell(new MediaCaptured(start.RunId, 3), storyChild);
        var captured = _children.ExpectMsg<MediaCaptured>();
        Assert.Equal((start.RunId, 3), (captured.RunId, captured.Count));
        Assert.Equal("media-analysis", _children.LastSender.Path.Name);
        Assert.Equal(["story-ingestion", "media-analysis"], await ChildNamesAsync(entity));
    }

    [Fact]
    public void The_messaging_child_starts_at_once_when_the_schedule_is_off_and_at_the_first_tick_when_it_is_on()
    {
        // It takes up rows a restart left queued when it starts, so every account must get one without a command.
        var messaging = CreateTestProbe();
        var workers = new ScriptedWorkers(_children, messaging);
        var off = Sys.ActorOf(AccountEntity.Props("ivy", Accounts, _settings, workers), $"ivy-{Guid.NewGuid():N}");
        off.Tell(new CreateAccount("ivy", ContinuousProcessingEnabled: false));
        ExpectMsg<AccountView>();
        Assert.Equal("ivy/messaging started", messaging.ExpectMsg<string>());

        // Scheduled accounts wait for their first tick (a random point of the interval, so a recovering node spreads them).
        var hourly = Sys.ActorOf(AccountEntity.Props("jon", Accounts, _settings, workers), $"jon-{Guid.NewGuid():N}");
        hourly.Tell(new CreateAccount("jon"));
        ExpectMsg<AccountView>();
        messaging.ExpectNoMsg(TimeSpan.FromSeconds(1));
        var ticking = new AccountEntitySettings { TickInterval = TimeSpan.FromMilliseconds(200), SnapshotEvery = 1000 };
        var soon = Sys.ActorOf(AccountEntity.Props("kim", Accounts, ticking, workers), $"kim-{Guid.NewGuid():N}");
        soon.Tell(new CreateAccount("kim"));
        ExpectMsg<AccountView>();
        Assert.Equal("kim/messaging started", messaging.ExpectMsg<string>(TimeSpan.FromSeconds(10)));
    }

    /// <summary>The entity's children, found by asking each possible one (Identify: a missing child does not answer with a ref).</summary>
    private async Task<string[]> ChildNamesAsync(IActorRef entity)
    {
        var names = new List<string>();
        foreach (var name in new[] { "profile-sync", "story-ingestion", "feed-engagement", "media-analysis" })
        {
            var identity = await Sys.ActorSelection(entity.Path / name).Ask<ActorIdentity>(new Identify(name), TimeSpan.FromSeconds(5));
            if (identity.Subject is not null) names.Add(name);
        }
        return names.ToArray();
    }

    [Fact]
    public void Pausing_aborts_the_run_in_flight_and_leaves_its_phase_due()
    {
        var entity = Created("eve");
        entity.Tell(new RunNow("eve"));
        ExpectMsg<RunAccepted>();
        var (start, child) = ExpectStart();
        entity.Tell(new PauseAccount("eve", "holiday"));
        Assert.Equal(ContinuousProcessingState.Paused, ExpectMsg<AccountView>().State);
        var abort = _children.ExpectMsg<AbortPhase>();
        Assert.Equal(start.RunId, abort.RunId);
        entity.Tell(new PhaseAborted(start.RunId, abort.Reason), child);

        AwaitAssert(() =>
        {
            var view = View(entity);
            Assert.Equal(ContinuousProcessingState.Paused, view.State);
            Assert.Null(view.CurrentRunId);
            Assert.True(view.NextRunAt[WorkKind.StorySync] <= DateTime.UtcNow);
        });
        entity.Tell(new RunNow("eve"));
        Assert.Equal(SkipReason.Paused, ExpectMsg<RunNotStarted>().Reason);
    }

    [Fact]
    public void A_run_cut_off_by_a_restart_is_aborted_on_recovery_and_the_schedule_starts_it_again()
    {
        var ticking = new AccountEntitySettings { TickInterval = TimeSpan.FromMilliseconds(300), SnapshotEvery = 1000 };
        var first = Created("fay", ticking);
        var (interrupted, _) = ExpectStart(); // the schedule starts the story sync by itself
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        Spawn("fay", ticking);
        var (again, child) = ExpectStart();
        Assert.NotEqual(interrupted.RunId, again.RunId);
        Assert.Equal(Phase.StorySync, again.Phase);
        Assert.Equal("schedule", again.Trigger);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Shutdown();
        _hosted.Dispose();
        await _database.DisposeAsync();
    }

    /// <param name="messaging">when given, a messaging child too, which tells this probe "{username}/messaging started".</param>
    private sealed class ScriptedWorkers(IActorRef probe, IActorRef? messaging = null) : IAccountWorkers
    {
        /// <summary>Whether the node would take another workspace-actions run (its node-wide bound not reached).</summary>
        public volatile bool WorkspaceRoom = true;

        public bool HasRoomFor(Phase phase) => phase != Phase.WorkspaceActions || WorkspaceRoom;

        public IReadOnlyList<(string Name, Props Props)> Children(string username) =>
        [
            .. new[] { "profile-sync", "story-ingestion", "feed-engagement", "media-analysis" }.Select(name => (name, Props.Create(() => new ScriptedChild(probe)))),
            .. messaging is null ? [] : new[] { ("messaging", Props.Create(() => new StartAnnouncingChild(messaging, $"{username}/messaging started"))) },
        ];

        public string ChildFor(Phase phase) => phase switch
        {
            Phase.StorySync => "story-ingestion",
            Phase.FeedSync => "feed-engagement",
            Phase.WorkspaceActions => "media-analysis",
            _ => "profile-sync",
        };
    }

    private sealed class StartAnnouncingChild : ReceiveActor
    {
        public StartAnnouncingChild(IActorRef probe, string announcement)
        {
            probe.Tell(announcement);
            ReceiveAny(_ => { });
        }
    }

    private sealed class ScriptedChild : ReceiveActor
    {
        public const string Crash = "crash";

        public ScriptedChild(IActorRef probe)
        {
            Receive<string>(m => m == Crash, _ => throw new InvalidOperationException("scripted crash"));
            // The probe sees the child as the sender, so the test can act on the child itself.
            ReceiveAny(message => probe.Tell(message, Self));
        }
    }
}
