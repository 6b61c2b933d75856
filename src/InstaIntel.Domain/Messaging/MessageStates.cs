namespace InstaIntel.Domain.Messaging;

/// <summary><c>instagram_messages.direction</c>.</summary>
public enum MessageDirection
{
    Outgoing,
    Incoming,
}

/// <summary><c>instagram_messages.status</c>: queued -> sent | failed.</summary>
public enum MessageStatus
{
    Queued,
    Sent,
    Failed,
}

/// <summary><c>recipients.source</c>: where a bulk-DM recipient was found.</summary>
public enum RecipientSource
{
    Conversation,
    Story,
}
