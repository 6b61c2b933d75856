using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Operations;

/// <summary><c>instagram_profile_history_chunks</c>: ordered narrative text about a profile; unique per (profile, sequence).</summary>
public sealed class InstagramProfileHistoryChunk : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramProfileId { get; set; }

    /// <summary>1 for the first chunk; a full chunk (about 500 words) starts the next.</summary>
    public int Sequence { get; set; }
    public string Content { get; set; } = "";
    public int WordCount { get; set; }
    public int EntryCount { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public JsonObject? Metadata { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
