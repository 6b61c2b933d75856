using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using System.Text.Json.Nodes;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Operations;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Processing.Workspace;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Observability;
using InstaIntel.Domain.Processing;
using InstaIntel.Storage.Accounts;

namespace InstaIntel.Actors.Accounts;

/// <summary>
/// One managed Instagram account: a persistent, sharded actor (entity id = username) whose journal is the
/// truth for the continuous-processing state machine. After each persist it projects the
/// <c>instagram_accounts</c> row, which never moves backwards in sequence number.
/// </summary>
public sealed class AccountEntity : PersistentActor, IWithTimers
{
    private const string ProjectionRetryTimer = "projection-retry";
    private const string TickTimer = "tick";

    private readonly string _username;
    private readonly AccountRepository _accounts;
    private readonly AccountEntitySettings _settings;
    private readonly IAccountWorkers? _workers;
    private readonly ISyncRunRecorder? _runs;
    private readonly IFailureRecorder? _failures;
    private readonly AiHealthStatus? _aiHealth;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, Backlog> _backlogs = [];
    // Set when media-analysis says captured media wait; cleared by a workspace-actions run that left none (not persisted:
    // after a restart the next capture sets it again).
    private bool _mediaAwaitingAnalysis;
    // When the workspace queue has posts or story comments waiting for a later look (not persisted: after a restart the
    // next capture schedules the workspace again, and a waiting post is looked at then).
    private DateTime? _workspaceRecheckAt;
    // The messaging child resumes rows a restart left queued; enabled accounts make it at their first tick (spread
    // over the tick interval) rather than all at once while a node recovers its shards.
    private bool _messagingStarted;
    private IReadOnlyList<(string Name, Props Props)>? _childProps;
    private AccountState _state;
    private long _projectedSequenceNr;
    // Pacing after a 429 or 5xx lasts seconds: it lives in memory, a restart simply forgets it.
    private DateTime _requestsHeldUntil;
    private string _holdReason = "";

    public AccountEntity(string username, AccountRepository accounts, AccountEntitySettings settings, IAccountWorkers? workers = null, ISyncRunRecorder? runs = null,
        IFailureRecorder? failures = null, AiHealthStatus? aiHealth = null)
    {
        _failures = failures;
        _aiHealth = aiHealth;
        _username = username;
        _accounts = accounts;
        _settings = settings;
        _workers = workers;
        _runs = runs;
        _state = AccountState.Empty with { BudgetSettings = settings.Budget };
    }

    // Plain receives rather than ReceivePersistentActor's Command<T>/Recover<T>: those build a matcher of some forty
    // handlers in every instance, about a fifth of what a recovering account allocated (docs/performance.md, section 2).
    protected override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                if (offer.Snapshot is AccountState snapshot) _state = snapshot with { BudgetSettings = _settings.Budget };
                return true;
            case IAccountEvent e:
                _state = _state.Apply(e);
                if (AccountState.ChangesRow(e)) _state = _state with { RowSequenceNr = LastSequenceNr };
                return true;
            case RecoveryCompleted:
                OnRecoveryCompleted();
                return true;
            default:
                return false;
        }
    }

    private void OnRecoveryCompleted()
    {
        // A crash may have come between a persist and its projection: project once more, if the row is behind.
        if (_state.Exists) Project(onlyIfBehind: true);
        ArmPassivation();
        if (!_state.Exists) return;
        // A run in the journal with no child of this incarnation working on it died with the old node.
        if (_state.CurrentRunId is { } interrupted)
            Persist(new RunAborted(DateTime.UtcNow, interrupted, "interrupted: the account restarted"), e =>
            {
                AfterRunEvent(e);
                RecordFinished(interrupted, false, System.Collections.Immutable.ImmutableDictionary<string, int>.Empty, $"aborted: {e.Reason}", e.At);
            });
        ArmTicks();
    }

    protected override bool ReceiveCommand(object message)
    {
        switch (message)
        {
            case CreateAccount create:
                Create(create);
                break;
            case GetAccount:
                ReplyWithView();
                break;
            case PauseAccount pause:
                WhenExists(() =>
                {
                    // An account paused for its session takes the operator's pause (and reason) over it: an import must not lift that.
                    if (_state.State == Domain.Accounts.ContinuousProcessingState.Paused && _state.PausedReason != AccountState.AuthenticationPauseReason) ReplyWithView();
                    else
                    {
                        AbortCurrentRun("paused");
                        PersistAndReply(new AccountPaused(DateTime.UtcNow, pause.Reason));
                    }
                });
                break;
            case ResumeAccount:
                WhenExists(() =>
                {
                    if (_state.State != Domain.Accounts.ContinuousProcessingState.Paused) ReplyWithView();
                    else PersistAndReply(new AccountResumed(DateTime.UtcNow));
                });
                break;
            case SetContinuousProcessing set:
                WhenExists(() =>
                {
                    if (_state.ContinuousProcessingEnabled == set.Enabled) ReplyWithView();
                    else
                    {
                        if (!set.Enabled) AbortCurrentRun("continuous processing disabled");
                        PersistAndReply(new ContinuousProcessingSet(DateTime.UtcNow, set.Enabled));
                    }
                });
                break;
            case ImportSession import:
                WhenExists(() => PersistAndReply(new SessionImported(DateTime.UtcNow, import.InstagramUserId)));
                break;
            case ReportAuthenticationFailure failure:
                WhenExists(() =>
                {
                    if (_state.LoginState == Domain.Accounts.LoginState.AuthenticationRequired) ReplyWithView();
                    else PersistAndReply(new AuthenticationLost(DateTime.UtcNow, failure.Reason));
                });
                break;
            case ReserveRequest reserve:
                WhenExists(() => Reserve(reserve));
                break;
            case HoldRequests hold:
                if (hold.Until <= _requestsHeldUntil) break;
                _requestsHeldUntil = hold.Until;
                _holdReason = hold.Reason;
                break;
            case RunNow run:
                WhenExists(() => TryStartRun(manual: true, run.Trigger, Sender, run));
                break;
            case Tick:
                if (!_state.Exists) break;
                StartMessaging();
                TryStartRun(manual: false, "schedule", ActorRefs.Nobody);
                break;
            case PhaseHeartbeat beat:
                if (beat.RunId == _state.CurrentRunId) Persist(new RunHeartbeatRecorded(DateTime.UtcNow), AfterRunEvent);
                break;
            case MediaAwaitingAnalysis:
                _mediaAwaitingAnalysis = true;
                break;
            case MediaCaptured captured:
                if (_workers is not null) Child(_workers.ChildFor(Phase.WorkspaceActions))?.Forward(captured);
                break;
            case PhaseSucceeded done:
                OnPhaseSucceeded(done);
                break;
            case PhaseFailed failed:
                // A workspace run that failed as a whole waits for the next capture rather than holding back the other phases.
                if (failed.RunId == _state.CurrentRunId && _state.CurrentPhase == Phase.WorkspaceActions) _mediaAwaitingAnalysis = false;
                if (failed.RunId == _state.CurrentRunId) FailRun(failed.RunId, failed.ErrorType, failed.Message, failed.Authentication, failed.Backtrace);
                break;
            case PhaseAborted aborted:
                if (aborted.RunId != _state.CurrentRunId) break;
                Persist(new RunAborted(DateTime.UtcNow, aborted.RunId, aborted.Reason), e =>
                {
                    AfterRunEvent(e);
                    RecordFinished(aborted.RunId, false, System.Collections.Immutable.ImmutableDictionary<string, int>.Empty, $"aborted: {aborted.Reason}", e.At);
                });
                break;
            case WorkItemFailed failed:
                // The run goes on: no backoff, only the record (the child names itself as the sender).
                RecordFailure(Sender.Path.Name, failed.Phase, failed.RunId.ToString(), failed.ErrorType, failed.Message, failed.Backtrace, false, DateTime.UtcNow,
                    failed.HttpStatus, new JsonObject { ["item"] = failed.Item });
                break;
            case ChildCrashed crash:
                OnChildCrashed(crash);
                break;
            // Messaging work goes to the child that owns it; what it reports is already in the messages' rows.
            case Messaging.IMessagingCommand command:
                if (_state.Exists) Child(Messaging.MessagingActor.ChildName)?.Forward(command);
                break;
            case Messaging.IMessagingReport:
                break;
            case BacklogReport report:
                InstaIntelMetrics.RecordBacklogChange(report.Child, _backlogs.GetValueOrDefault(report.Child, Backlog.None), report.Backlog);
                _backlogs[report.Child] = report.Backlog;
                break;
            case ProjectionCompleted done:
                _projectedSequenceNr = Math.Max(_projectedSequenceNr, done.SequenceNr);
                break;
            case ProjectionFailed failed:
                _log.Warning(failed.Cause, "Projection of account {0} at sequence {1} failed; retrying in {2}", _username, failed.SequenceNr, _settings.ProjectionRetryDelay);
                Timers.StartSingleTimer(ProjectionRetryTimer, new RetryProjection(), _settings.ProjectionRetryDelay);
                break;
            case RetryProjection:
                if (_projectedSequenceNr < RowSequenceNr) Project();
                break;
            case ReceiveTimeout:
                Passivate();
                break;
            // Acknowledgements of writes made off the actor's thread: nothing follows from them.
            case RunRecorded or FailureRecorded or DeleteSnapshotsSuccess:
                break;
            case RunRecordFailed failed:
                _log.Warning(failed.Cause, "Writing a sync_runs row of account {0} failed", _username);
                break;
            case FailureRecordFailed failed:
                _log.Warning(failed.Cause, "Writing a background_job_failures row of account {0} failed", _username);
                break;
            case SaveSnapshotSuccess success:
                DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
                break;
            case SaveSnapshotFailure failure:
                _log.Warning(failure.Cause, "Snapshot of account {0} failed", _username);
                break;
            case DeleteSnapshotsFailure failure:
                _log.Warning(failure.Cause, "Deleting old snapshots of account {0} failed", _username);
                break;
            default:
                return false;
        }
        return true;
    }

    private void OnPhaseSucceeded(PhaseSucceeded done)
    {
        if (done.RunId != _state.CurrentRunId) return;
        if (_state.CurrentPhase == Phase.WorkspaceActions)
        {
            if (done.Stats.GetValueOrDefault("stories_pending_analysis") == 0 && done.Stats.GetValueOrDefault("batch_full") == 0)
                _mediaAwaitingAnalysis = false;
            _workspaceRecheckAt = done.Stats.GetValueOrDefault(WorkspaceWork.RecheckInSecondsStat) is > 0 and var seconds
                ? DateTime.UtcNow.AddSeconds(seconds)
                : null;
        }
        Persist(new RunSucceeded(DateTime.UtcNow, done.RunId), e =>
        {
            AfterRunEvent(e);
            RecordFinished(done.RunId, true, done.Stats, null, e.At);
        });
    }

    private void OnChildCrashed(ChildCrashed crash)
    {
        _log.Warning(crash.Cause, "Child {0} of account {1} crashed", crash.Child, _username);
        if (_state.CurrentRunId is { } runId && _state.CurrentPhase is { } phase && _workers?.ChildFor(phase) == crash.Child)
            FailRun(runId, crash.Cause.GetType().Name, crash.Cause.Message, authentication: false, crash.Cause.StackTrace);
        else
            // A crash outside a run (e.g. while it reported a backlog) is still a failure of supervised work.
            RecordFailure(crash.Child, null, $"crash-{Guid.NewGuid():N}", crash.Cause.GetType().Name, crash.Cause.Message, crash.Cause.StackTrace, false, DateTime.UtcNow);
    }

    public override string PersistenceId => PersistenceIdFor(_username);

    protected override void PostStop()
    {
        // The node's backlog gauge sums what live entities reported: take this one's share back out.
        foreach (var (child, backlog) in _backlogs)
            InstaIntelMetrics.RecordBacklogChange(child, backlog, Backlog.None);
        _backlogs.Clear();
        base.PostStop();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(string username) => $"account-{username}";

    /// <param name="aiHealth">the node's AI verdict (none: AI counts as healthy).</param>
    public static Props Props(string username, AccountRepository accounts, AccountEntitySettings settings, IAccountWorkers? workers = null, ISyncRunRecorder? runs = null,
        IFailureRecorder? failures = null, AiHealthStatus? aiHealth = null) =>
        // A producer that calls the constructor: the expression form reads its arguments back by reflection for every
        // entity the shard starts, thousands at once when a node recovers.
        Akka.Actor.Props.CreateBy(new Producer(() => new AccountEntity(username, accounts, settings, workers, runs, failures, aiHealth)));

    private sealed class Producer(Func<AccountEntity> create) : IIndirectActorProducer
    {
        public Type ActorType => typeof(AccountEntity);

        public ActorBase Produce() => create();

        public void Release(ActorBase actor) { }
    }

    private void Create(CreateAccount create)
    {
        if (_state.Exists)
        {
            Sender.Tell(new AccountAlreadyExists(_username));
            return;
        }
        PersistAndReply(new AccountCreated(_username, DateTime.UtcNow, create.ContinuousProcessingEnabled));
    }

    private void Reserve(ReserveRequest reserve)
    {
        var now = DateTime.UtcNow;
        if (_state.LoginState == Domain.Accounts.LoginState.AuthenticationRequired && !reserve.SessionCheck)
        {
            // Nothing more goes to Instagram for this account until a new session is imported.
            Sender.Tell(new RequestDeferred(now + _settings.Budget.Window, "authentication_required", false));
            return;
        }
        if (_requestsHeldUntil > now)
        {
            Sender.Tell(new RequestDeferred(_requestsHeldUntil, $"held:{_holdReason}", false));
            return;
        }
        var budget = _settings.Budget;
        var decision = reserve.Action is { } action ? _state.Budget.CanAct(action, now, budget) : _state.Budget.CanRequest(now, budget);
        if (!decision.Allowed)
        {
            Sender.Tell(new RequestDeferred(decision.RetryAt!.Value, decision.Reason!, decision.Reason!.StartsWith("daily_cap", StringComparison.Ordinal)));
            return;
        }
        Persist(new RequestReserved(now, reserve.Action), reserved =>
        {
            _state = _state.Apply(reserved);
            Sender.Tell(new RequestGranted(reserved.At, _state.Budget.UsedInWindow(reserved.At, budget)));
            MaybeSnapshot();
        });
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new ChildFailureReportingStrategy(Self, maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1));

    /// <summary>
    /// The child that does one kind of work, made the first time the account needs it: an account that has not worked
    /// since it started (most of a freshly recovered fleet) is one actor, not six.
    /// </summary>
    /// <returns>the child, or null when this node's workers have none of that name (e.g. no messaging).</returns>
    private IActorRef? Child(string name)
    {
        var existing = Context.Child(name);
        if (!existing.IsNobody()) return existing;
        // Kept once the first child is made (an idle account holds none of it).
        _childProps ??= _workers?.Children(_username);
        if (_childProps?.FirstOrDefault(c => c.Name == name).Props is not { } props) return null;
        return Context.ActorOf(props, name);
    }

    private void StartMessaging()
    {
        if (_messagingStarted) return;
        _messagingStarted = true;
        Child(Messaging.MessagingActor.ChildName);
    }

    /// <summary>Enabled accounts tick; the first tick comes at a random point of the interval so a fleet spreads out.</summary>
    private void ArmTicks()
    {
        if (_state.Exists && _state.ContinuousProcessingEnabled && _workers is not null)
        {
            if (Timers.IsTimerActive(TickTimer)) return;
            var spread = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * _settings.TickInterval.TotalMilliseconds);
            Timers.StartPeriodicTimer(TickTimer, Tick.Instance, spread, _settings.TickInterval);
        }
        else
        {
            Timers.Cancel(TickTimer);
            // No tick will come to start it: rows a restart left queued are taken up now.
            if (_state.Exists) StartMessaging();
        }
    }

    private void TryStartRun(bool manual, string trigger, IActorRef replyTo, RunNow? action = null)
    {
        if (_workers is null)
        {
            replyTo.Tell(new RunNotStarted(SkipReason.NothingDue, "this node runs no account workers"));
            return;
        }
        var now = DateTime.UtcNow;
        var coordinator = new CoordinatorState(
            _state.ContinuousProcessingEnabled, _state.State, _state.LoginState, _state.RetryAfterAt, _state.LastHeartbeatAt,
            // "Run now" treats every phase as due; the rest of the rules (backoff, a run in flight) still hold.
            manual ? System.Collections.Immutable.ImmutableDictionary<WorkKind, DateTime>.Empty : _state.NextRunAt,
            _state.FailureCount);
        var backlog = _backlogs.Values.Aggregate(Backlog.None, (sum, b) => new Backlog(
            sum.StoryPipelines + b.StoryPipelines, sum.PostPipelines + b.PostPipelines, sum.WorkspaceItems + b.WorkspaceItems, sum.ActiveStreams + b.ActiveStreams));
        // The latest verdict of the node's AI health check: a field read, never a wait.
        var aiHealthy = _aiHealth?.Current.Healthy ?? true;
        var context = new TickContext(now, manual, aiHealthy, backlog, WorkspaceHasPendingPosts: _mediaAwaitingAnalysis || _workspaceRecheckAt <= now, Random.Shared.NextDouble(),
            WorkspaceRoom: _workers.HasRoomFor(Phase.WorkspaceActions));
        var decision = action?.Phase is { } only
            ? ContinuousProcessing.DecideFor(only, coordinator, context, _settings.Processing)
            : ContinuousProcessing.Decide(coordinator, context, _settings.Processing);
        switch (decision)
        {
            case TickDecision.Skip skip:
                if (manual) _log.Info("Run of account {0} not started: {1} ({2})", _username, skip.Reason, skip.Detail);
                replyTo.Tell(new RunNotStarted(skip.Reason, skip.Detail));
                break;
            case TickDecision.Run run:
                foreach (var (phase, reason) in run.Skipped)
                    _log.Info("Account {0}: {1} is due but skipped ({2}{3}); {4} runs instead", _username, SeedString.Of(phase), reason,
                        reason == ContinuousProcessing.WorkspaceBusy ? "" : $": {_aiHealth?.Current.Detail}", SeedString.Of(run.Phase));
                if (_state.CurrentRunId is { } stale)
                    Context.Child(_workers.ChildFor(_state.CurrentPhase!.Value)).Tell(new AbortPhase(stale, "taken over: heartbeat went stale"));
                Persist(new RunStarted(now, Guid.NewGuid(), run.Phase, run.NextDueAt, run.TookOverStaleRun, trigger), started =>
                {
                    AfterRunEvent(started);
                    _runs?.RunStartedAsync(_username, started.RunId, started.Phase, trigger, started.At, action?.ActionLogId).PipeTo(Self, success: () => RunRecorded.Instance, failure: ex => new RunRecordFailed(ex));
                    Child(_workers.ChildFor(started.Phase))!.Tell(new StartPhase(started.RunId, started.Phase, _username, _state.InstagramUserId, trigger,
                        action?.ProfileId is { } profileId && action.ActionLogId is { } logId ? new PhaseTarget(profileId, logId) : null));
                    replyTo.Tell(new RunAccepted(started.RunId, started.Phase));
                });
                break;
        }
    }

    private void FailRun(Guid runId, string errorType, string message, bool authentication, string? backtrace)
    {
        // Read before the event clears them: the failure record names the phase and the child that ran it.
        var phase = _state.CurrentPhase;
        var child = phase is { } failedPhase && _workers is not null ? _workers.ChildFor(failedPhase) : "account";
        var now = DateTime.UtcNow;
        var retryAt = authentication
            ? ContinuousProcessing.RetryAfterAuthenticationFailure(now, _state.RetryAfterAt, _settings.Processing)
            : ContinuousProcessing.RetryAfterFailure(now, _state.FailureCount + 1, Random.Shared.NextDouble(), _settings.Processing);
        var error = ContinuousProcessing.DescribeError(errorType, message);
        Persist(new RunFailed(now, runId, error, retryAt, authentication), e =>
        {
            AfterRunEvent(e);
            RecordFinished(runId, false, System.Collections.Immutable.ImmutableDictionary<string, int>.Empty, error, e.At);
            RecordFailure(child, phase, runId.ToString(), errorType, message, backtrace, authentication, e.At);
        });
    }

    /// <summary>
    /// The failure as a <c>background_job_failures</c> row, written off the actor's thread; a write that fails is
    /// logged and forgotten (the journal already holds the run's failure).
    /// </summary>
    private void RecordFailure(string child, Phase? phase, string correlationId, string errorType, string message, string? backtrace, bool authentication, DateTime at,
        int? httpStatus = null, JsonObject? extra = null)
    {
        if (_failures is null) return;
        var metadata = new JsonObject
        {
            ["child"] = child,
            ["phase"] = phase is { } p ? SeedString.Of(p) : null,
            ["attempt"] = _state.FailureCount,
            ["started_at"] = _state.LastStartedAt,
            ["failed_at"] = at,
            ["duration_ms"] = _state.LastStartedAt is { } started && phase is not null ? (long)(at - started).TotalMilliseconds : null,
            ["retry_after_at"] = _state.RetryAfterAt,
        };
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
                metadata[key] = value?.DeepClone();
        }
        var report = new FailureReport(phase is { } work ? SeedString.Of(work) : "child_crash", child, correlationId, errorType, message, backtrace, at,
            _username, Authentication: authentication, HttpStatus: httpStatus, Metadata: metadata);
        _failures.RecordAsync(report).PipeTo(Self, success: () => FailureRecorded.Instance, failure: ex => new FailureRecordFailed(ex));
    }

    private void AbortCurrentRun(string reason)
    {
        if (_state.CurrentRunId is { } runId && _state.CurrentPhase is { } phase && _workers is not null)
            Context.Child(_workers.ChildFor(phase)).Tell(new AbortPhase(runId, reason));
    }

    private void RecordFinished(Guid runId, bool succeeded, System.Collections.Immutable.ImmutableDictionary<string, int> stats, string? error, DateTime at) =>
        _runs?.RunFinishedAsync(_username, runId, succeeded, stats, error, at).PipeTo(Self, success: () => RunRecorded.Instance, failure: ex => new RunRecordFailed(ex));

    private void AfterRunEvent(IAccountEvent e)
    {
        _state = _state.Apply(e);
        Project();
        MaybeSnapshot();
    }

    private void MaybeSnapshot()
    {
        if (LastSequenceNr % _settings.SnapshotEvery == 0)
            SaveSnapshot(_state);
    }

    private void WhenExists(Action action)
    {
        if (_state.Exists) action();
        else ReplyNotFound();
    }

    private void ReplyWithView()
    {
        if (_state.Exists) Sender.Tell(_state.ToView(LastSequenceNr));
        else ReplyNotFound();
    }

    private void ReplyNotFound()
    {
        Sender.Tell(new AccountNotFound(_username));
        // Nothing to keep alive: stopping also drops the id from remember-entities.
        Passivate();
    }

    private void PersistAndReply(IAccountEvent @event)
    {
        Persist(@event, persisted =>
        {
            _state = _state.Apply(persisted);
            Sender.Tell(_state.ToView(LastSequenceNr));
            Project();
            ArmPassivation();
            ArmTicks();
            MaybeSnapshot();
        });
    }

    /// <summary>The sequence number the row should carry (see <see cref="AccountState.RowSequenceNr"/>).</summary>
    private long RowSequenceNr => _state.RowSequenceNr > 0 ? _state.RowSequenceNr : LastSequenceNr;

    /// <summary>
    /// Writes the row (after an event that changed it: the state now projects at the last sequence number), or, on
    /// recovery, checks that the row carries <see cref="RowSequenceNr"/> and writes only if it is behind.
    /// </summary>
    private void Project(bool onlyIfBehind = false)
    {
        if (!onlyIfBehind) _state = _state with { RowSequenceNr = LastSequenceNr };
        var sequenceNr = RowSequenceNr;
        var row = _state.ToRow(sequenceNr);
        (onlyIfBehind ? _accounts.ProjectIfBehindAsync(row) : _accounts.ProjectAsync(row)).PipeTo(
            Self,
            success: _ => new ProjectionCompleted(sequenceNr),
            failure: ex => new ProjectionFailed(sequenceNr, ex));
    }

    /// <summary>Enabled accounts stay alive (and remembered); the others stop when left alone.</summary>
    private void ArmPassivation()
    {
        if (_state.Exists && _state.ContinuousProcessingEnabled)
            Context.SetReceiveTimeout(null);
        else
            Context.SetReceiveTimeout(_settings.PassivateDisabledAfter);
    }

    private void Passivate()
    {
        Context.SetReceiveTimeout(null);
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }
}
