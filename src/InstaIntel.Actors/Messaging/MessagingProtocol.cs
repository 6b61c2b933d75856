using InstaIntel.Actors.Accounts;
using InstaIntel.Domain.Profiles;

namespace InstaIntel.Actors.Messaging;

/// <summary>
/// Work for the account's <c>messaging</c> child, routed through the shard region to the entity, which forwards it.
/// Fire-and-forget: the <c>instagram_messages</c> row or the action log is the record the caller reads.
/// </summary>
public interface IMessagingCommand : IWithAccountId, IAccountMessage;

/// <summary>Send the account's queued outgoing messages (a new one was queued, or the child restarted).</summary>
public sealed record SendQueuedMessages(string Username) : IMessagingCommand;

/// <summary>Check whether the profile can be messaged and record it (<c>can_message</c>, <c>dm_interaction_state</c>) and in the action log.</summary>
public sealed record VerifyMessageability(string Username, long ProfileId, long ActionLogId) : IMessagingCommand;

/// <summary>What the messaging child tells its entity after each piece of work (local only, never persisted).</summary>
public interface IMessagingReport;

public sealed record MessageSent(long MessageId, string? ThreadId, string? ItemId) : IMessagingReport;

/// <summary><paramref name="Refused"/>: the profile was closed (early, or by Instagram) rather than the send failing.</summary>
public sealed record MessageFailed(long MessageId, string Error, bool Refused) : IMessagingReport;

/// <summary>A daily cap is used up: the message stays queued and is sent again at <paramref name="RetryAt"/>.</summary>
public sealed record MessageDeferred(long MessageId, DateTime RetryAt, string Reason) : IMessagingReport;

public sealed record MessageabilityVerified(long ProfileId, long ActionLogId, DmInteractionState? State, string Outcome) : IMessagingReport;
