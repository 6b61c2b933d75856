using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Messaging;

/// <summary><c>recipients</c> (legacy): a conversation or story recipient selectable for bulk DM sending; unique per (account, username).</summary>
public sealed class Recipient : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }
    public string Username { get; set; } = "";
    public string? DisplayName { get; set; }
    public bool CanMessage { get; set; }
    public string? RestrictionReason { get; set; }
    public RecipientSource Source { get; set; } = RecipientSource.Conversation;
    public bool Selected { get; set; }
    public bool StoryVisible { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
