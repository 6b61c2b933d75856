using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Messaging;

/// <summary><c>instagram_messages</c>: a direct message to or from a profile.</summary>
public sealed class InstagramMessage : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramProfileId { get; set; }
    public string Body { get; set; } = "";
    public MessageDirection Direction { get; set; } = MessageDirection.Outgoing;
    public MessageStatus Status { get; set; } = MessageStatus.Queued;
    public DateTime? SentAt { get; set; }
    /// <summary>Why sending failed.</summary>
    public string? ErrorMessage { get; set; }
    /// <summary>The message's kind (<c>dm</c>, <c>story_reply</c> with <c>story_id</c>), its trigger, and once sent Instagram's <c>thread_id</c> and <c>item_id</c>.</summary>
    public JsonObject? Metadata { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
