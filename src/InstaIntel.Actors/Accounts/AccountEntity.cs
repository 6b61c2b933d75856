using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using InstaIntel.Storage.Accounts;

namespace InstaIntel.Actors.Accounts;

/// <summary>
/// One managed Instagram account: a persistent, sharded actor (entity id = username) whose journal is the
/// truth for the continuous-processing state machine. After each persist it projects the
/// <c>instagram_accounts</c> row, which never moves backwards in sequence number.
/// </summary>
public sealed class AccountEntity : ReceivePersistentActor, IWithTimers
{
    private const string ProjectionRetryTimer = "projection-retry";

    private readonly string _username;
    private readonly AccountRepository _accounts;
    private readonly AccountEntitySettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private AccountState _state;
    private long _projectedSequenceNr;
    // Pacing after a 429 or 5xx lasts seconds: it lives in memory, a restart simply forgets it.
    private DateTime _requestsHeldUntil;
    private string _holdReason = "";

    public AccountEntity(string username, AccountRepository accounts, AccountEntitySettings settings)
    {
        _username = username;
        _accounts = accounts;
        _settings = settings;
        _state = AccountState.Empty with { BudgetSettings = settings.Budget };

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is AccountState snapshot) _state = snapshot with { BudgetSettings = settings.Budget };
        });
        Recover<IAccountEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            // A crash may have come between a persist and its projection: project once more, idempotently.
            if (_state.Exists) Project();
            ArmPassivation();
        });

        Command<CreateAccount>(Create);
        Command<GetAccount>(_ => ReplyWithView());
        Command<PauseAccount>(pause => WhenExists(() =>
        {
            if (_state.State == Domain.Accounts.ContinuousProcessingState.Paused) ReplyWithView();
            else PersistAndReply(new AccountPaused(DateTime.UtcNow, pause.Reason));
        }));
        Command<ResumeAccount>(_ => WhenExists(() =>
        {
            if (_state.State != Domain.Accounts.ContinuousProcessingState.Paused) ReplyWithView();
            else PersistAndReply(new AccountResumed(DateTime.UtcNow));
        }));
        Command<SetContinuousProcessing>(set => WhenExists(() =>
        {
            if (_state.ContinuousProcessingEnabled == set.Enabled) ReplyWithView();
            else PersistAndReply(new ContinuousProcessingSet(DateTime.UtcNow, set.Enabled));
        }));

        Command<ImportSession>(import => WhenExists(() => PersistAndReply(new SessionImported(DateTime.UtcNow, import.InstagramUserId))));
        Command<ReportAuthenticationFailure>(failure => WhenExists(() =>
        {
            if (_state.LoginState == Domain.Accounts.LoginState.AuthenticationRequired) ReplyWithView();
            else PersistAndReply(new AuthenticationLost(DateTime.UtcNow, failure.Reason));
        }));
        Command<ReserveRequest>(reserve => WhenExists(() => Reserve(reserve)));
        Command<HoldRequests>(hold =>
        {
            if (hold.Until <= _requestsHeldUntil) return;
            _requestsHeldUntil = hold.Until;
            _holdReason = hold.Reason;
        });

        Command<ProjectionCompleted>(done => _projectedSequenceNr = Math.Max(_projectedSequenceNr, done.SequenceNr));
        Command<ProjectionFailed>(failed =>
        {
            _log.Warning(failed.Cause, "Projection of account {0} at sequence {1} failed; retrying in {2}", _username, failed.SequenceNr, _settings.ProjectionRetryDelay);
            Timers.StartSingleTimer(ProjectionRetryTimer, new RetryProjection(), _settings.ProjectionRetryDelay);
        });
        Command<RetryProjection>(_ =>
        {
            if (_projectedSequenceNr < LastSequenceNr) Project();
        });
        Command<ReceiveTimeout>(_ => Passivate());
        Command<SaveSnapshotSuccess>(success => DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failure => _log.Warning(failure.Cause, "Snapshot of account {0} failed", _username));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning(failure.Cause, "Deleting old snapshots of account {0} failed", _username));
    }

    public override string PersistenceId => PersistenceIdFor(_username);

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(string username) => $"account-{username}";

    public static Props Props(string username, AccountRepository accounts, AccountEntitySettings settings) =>
        Akka.Actor.Props.Create(() => new AccountEntity(username, accounts, settings));

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
            MaybeSnapshot();
        });
    }

    private void Project()
    {
        var sequenceNr = LastSequenceNr;
        _accounts.ProjectAsync(_state.ToRow(sequenceNr)).PipeTo(
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
