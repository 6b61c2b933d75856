using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Actors.Accounts;

/// <summary>A message routed to one account entity through the <c>account</c> shard region.</summary>
public interface IWithAccountId
{
    string Username { get; }
}

/// <summary>Every message of the account protocol: bound to <see cref="Serialization.InstaIntelMessageSerializer"/>.</summary>
public interface IAccountMessage;

/// <summary>A command to the entity; the entity always answers with an <see cref="IAccountReply"/>.</summary>
public interface IAccountCommand : IWithAccountId, IAccountMessage;

/// <summary>An event in the account's journal: a versioned contract, tolerant of added fields.</summary>
public interface IAccountEvent : IAccountMessage;

public interface IAccountReply : IAccountMessage;

// Commands
public sealed record CreateAccount(string Username, bool ContinuousProcessingEnabled = true) : IAccountCommand;

public sealed record GetAccount(string Username) : IAccountCommand;

public sealed record PauseAccount(string Username, string? Reason = null) : IAccountCommand;

public sealed record ResumeAccount(string Username) : IAccountCommand;

public sealed record SetContinuousProcessing(string Username, bool Enabled) : IAccountCommand;

/// <summary>A session was validated and stored in the vault: the account is logged in again.</summary>
public sealed record ImportSession(string Username, string? InstagramUserId) : IAccountCommand;

/// <summary>Instagram refused the account's session (login_required, checkpoint, expired).</summary>
public sealed record ReportAuthenticationFailure(string Username, string Reason) : IAccountCommand;

/// <summary>Asks for room in the account's request budget for one request (and the action it carries).</summary>
/// <param name="SessionCheck">The request validates a newly offered session, so a logged-out account lets it through.</param>
public sealed record ReserveRequest(string Username, InstagramAction? Action = null, bool SessionCheck = false) : IAccountCommand;

/// <summary>Instagram asked us to slow down (429, 5xx): no request for the account before <see cref="Until"/>. Not persisted; no reply.</summary>
public sealed record HoldRequests(string Username, DateTime Until, string Reason) : IAccountCommand;

/// <summary>
/// Start continuous processing now (the API's or CLI's "run now"); never a second run beside one in flight. An
/// action names its <paramref name="Phase"/> (run whether due or not), the <c>instagram_profile_action_logs</c> row
/// that follows it (<paramref name="ActionLogId"/>) and, for a one-profile action, the profile (<paramref name="ProfileId"/>).
/// </summary>
public sealed record RunNow(string Username, string Trigger = "api", Phase? Phase = null, long? ActionLogId = null, long? ProfileId = null) : IAccountCommand;

// Events
public sealed record AccountCreated(string Username, DateTime CreatedAt, bool ContinuousProcessingEnabled) : IAccountEvent;

public sealed record AccountPaused(DateTime At, string? Reason) : IAccountEvent;

public sealed record AccountResumed(DateTime At) : IAccountEvent;

public sealed record ContinuousProcessingSet(DateTime At, bool Enabled) : IAccountEvent;

public sealed record SessionImported(DateTime At, string? InstagramUserId) : IAccountEvent;

public sealed record AuthenticationLost(DateTime At, string Reason) : IAccountEvent;

/// <summary>One Instagram request made (and the capped action it carried): the budget's persisted counter.</summary>
public sealed record RequestReserved(DateTime At, InstagramAction? Action) : IAccountEvent;

/// <summary>A continuous-processing run began: the phase's next due time moved on and the account is running.</summary>
public sealed record RunStarted(DateTime At, Guid RunId, Phase Phase, DateTime? NextDueAt, bool TookOverStaleRun, string Trigger) : IAccountEvent;

public sealed record RunHeartbeatRecorded(DateTime At) : IAccountEvent;

public sealed record RunSucceeded(DateTime At, Guid RunId) : IAccountEvent;

/// <summary>A run failed: <paramref name="Error"/> is "ErrorType: message"; an authentication failure also logs the account out.</summary>
public sealed record RunFailed(DateTime At, Guid RunId, string Error, DateTime RetryAfterAt, bool Authentication) : IAccountEvent;

/// <summary>A run stopped before it finished (pause, restart): not a failure, and its phase is due again.</summary>
public sealed record RunAborted(DateTime At, Guid RunId, string Reason) : IAccountEvent;

// Replies
public sealed record RunAccepted(Guid RunId, Phase Phase) : IAccountReply;

public sealed record RunNotStarted(SkipReason Reason, string Detail) : IAccountReply;

/// <summary>The entity's current view of the account, as the control API shows it.</summary>
public sealed record AccountView(
    string Username,
    ContinuousProcessingState State,
    bool ContinuousProcessingEnabled,
    LoginState LoginState,
    IReadOnlyDictionary<WorkKind, DateTime?> NextRunAt,
    DateTime? LastStartedAt,
    DateTime? LastFinishedAt,
    DateTime? LastHeartbeatAt,
    int FailureCount,
    DateTime? RetryAfterAt,
    string? LastError,
    string? PausedReason,
    DateTime CreatedAt,
    long SequenceNr,
    Phase? CurrentPhase = null,
    Guid? CurrentRunId = null,
    BudgetUsage? Budget = null) : IAccountReply;

public sealed record AccountNotFound(string Username) : IAccountReply;

public sealed record RequestGranted(DateTime At, int UsedInWindow) : IAccountReply;

/// <summary>No room now: try again at <see cref="RetryAt"/> (a full window, a daily cap, or a logged-out account).</summary>
public sealed record RequestDeferred(DateTime RetryAt, string Reason, bool DailyCapReached) : IAccountReply;

public sealed record AccountAlreadyExists(string Username) : IAccountReply;

// The entity's own messages to itself (never sent by others, never persisted).
internal sealed record ProjectionCompleted(long SequenceNr);

internal sealed record ProjectionFailed(long SequenceNr, Exception Cause);

internal sealed record RetryProjection;

internal sealed record Tick
{
    public static readonly Tick Instance = new();
}

internal sealed record ChildCrashed(string Child, Exception Cause);

internal sealed record RunRecorded
{
    public static readonly RunRecorded Instance = new();
}

internal sealed record RunRecordFailed(Exception Cause);

internal sealed record FailureRecorded
{
    public static readonly FailureRecorded Instance = new();
}

internal sealed record FailureRecordFailed(Exception Cause);
