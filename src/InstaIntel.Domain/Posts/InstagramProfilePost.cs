using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Posts.Metadata;

namespace InstaIntel.Domain.Posts;

/// <summary><c>instagram_profile_posts</c>: a post captured from a profile; unique per (profile, shortcode).</summary>
public sealed class InstagramProfilePost : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramProfileId { get; set; }

    // Identity: the post locator.
    public string Shortcode { get; set; } = "";
    public string? Permalink { get; set; }
    public string? SourceMediaUrl { get; set; }

    // Content: the post snapshot.
    public string? Caption { get; set; }
    public int LikesCount { get; set; }
    public int CommentsCount { get; set; }
    public DateTime? TakenAt { get; set; }
    public DateTime? LastSyncedAt { get; set; }

    // AI pipeline: terminal state, plus projection columns that mirror metadata.ai_pipeline for cheap queries.
    public ProfilePostAiStatus AiStatus { get; set; } = ProfilePostAiStatus.Pending;
    public string? AiProvider { get; set; }
    public string? AiModel { get; set; }
    public JsonObject? Analysis { get; set; }
    public DateTime? AnalyzedAt { get; set; }
    public string? AiPipelineRunId { get; set; }
    public string? AiBlockingStep { get; set; }
    public string? AiPendingReasonCode { get; set; }
    public DateTime? AiPendingSinceAt { get; set; }
    public DateTime? AiNextRetryAt { get; set; }
    public DateTime? AiEstimatedReadyAt { get; set; }

    /// <summary>The post's metadata contracts (ai_pipeline, workspace_actions, ...).</summary>
    public ProfilePostMetadata? Metadata { get; set; }

    // Media: the downloaded image/video lives in the blob store under its content address.
    public string? MediaUrlFingerprint { get; set; }
    public string? MediaBlobKey { get; set; }
    public string? MediaContentType { get; set; }
    public long? MediaByteSize { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
