using InstaIntel.Domain.Accounts;

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

// Events
public sealed record AccountCreated(string Username, DateTime CreatedAt, bool ContinuousProcessingEnabled) : IAccountEvent;

public sealed record AccountPaused(DateTime At, string? Reason) : IAccountEvent;

public sealed record AccountResumed(DateTime At) : IAccountEvent;

public sealed record ContinuousProcessingSet(DateTime At, bool Enabled) : IAccountEvent;

// Replies
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
    long SequenceNr) : IAccountReply;

public sealed record AccountNotFound(string Username) : IAccountReply;

public sealed record AccountAlreadyExists(string Username) : IAccountReply;

// The entity's own messages to itself (never sent by others, never persisted).
internal sealed record ProjectionCompleted(long SequenceNr);

internal sealed record ProjectionFailed(long SequenceNr, Exception Cause);

internal sealed record RetryProjection;
