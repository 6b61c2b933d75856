using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Messaging;

/// <summary><c>conversation_peers</c>: a partner found in the account's inbox; unique per (account, username).</summary>
public sealed class ConversationPeer : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }
    public string Username { get; set; } = "";
    public string? DisplayName { get; set; }
    public DateTime? LastMessageAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
