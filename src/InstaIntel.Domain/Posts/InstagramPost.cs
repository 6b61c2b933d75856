using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Posts;

/// <summary><c>instagram_posts</c>: a feed post seen on the account's home feed; unique per (account, shortcode).</summary>
public sealed class InstagramPost : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }
    /// <summary>The author's profile row, once the author is known in the account's network.</summary>
    public long? InstagramProfileId { get; set; }

    public string Shortcode { get; set; } = "";
    public string? AuthorUsername { get; set; }
    public string? AuthorIgUserId { get; set; }
    public string? Caption { get; set; }
    public DateTime DetectedAt { get; set; }
    public DateTime? TakenAt { get; set; }

    // AI state.
    public FeedPostStatus Status { get; set; } = FeedPostStatus.Pending;
    public JsonObject? Analysis { get; set; }
    public string? AiProvider { get; set; }
    public string? AiModel { get; set; }
    public DateTime? AnalyzedAt { get; set; }

    // Media lifecycle: purge_at schedules removal of the downloaded media.
    public string? MediaUrl { get; set; }
    public PostKind PostKind { get; set; } = PostKind.Post;
    public DateTime? PurgeAt { get; set; }
    public DateTime? MediaDownloadedAt { get; set; }
    public string? MediaBlobKey { get; set; }
    public string? MediaContentType { get; set; }
    public long? MediaByteSize { get; set; }

    public JsonObject? Metadata { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
