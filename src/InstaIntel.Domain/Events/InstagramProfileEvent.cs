using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Events;

/// <summary>
/// <c>instagram_profile_events</c>: the per-profile journal of story, comment and post activity. One row per
/// (profile, kind, external_id): writing the same event again updates it instead of adding a row.
/// </summary>
public sealed class InstagramProfileEvent : IEntity
{
    public long Id { get; set; }
    public long InstagramProfileId { get; set; }

    // Event identity: kind + external_id dedupe, occurred_at/detected_at order.
    public string Kind { get; set; } = "";
    /// <summary>Stable per occurrence, e.g. <c>story_downloaded:&lt;story id&gt;</c>; never empty.</summary>
    public string ExternalId { get; set; } = "";
    public DateTime? OccurredAt { get; set; }
    public DateTime DetectedAt { get; set; }

    /// <summary>Story ingestion payloads, media URLs, local intelligence.</summary>
    public ProfileEventMetadata? Metadata { get; set; }

    // LLM comment: the story archive comment generation lifecycle.
    public LlmCommentStatus LlmCommentStatus { get; set; } = LlmCommentStatus.NotRequested;
    public string? LlmGeneratedComment { get; set; }
    public LlmCommentMetadata? LlmCommentMetadata { get; set; }
    public double? LlmCommentRelevanceScore { get; set; }
    public int LlmCommentAttempts { get; set; }
    public DateTime? LlmCommentGeneratedAt { get; set; }
    public string? LlmCommentJobId { get; set; }
    public string? LlmCommentLastError { get; set; }
    public string? LlmCommentModel { get; set; }
    public string? LlmCommentProvider { get; set; }

    // Projection of llm_comment_metadata for cheap backlog queries.
    public string? LlmPipelineRunId { get; set; }
    public string? LlmBlockingStep { get; set; }
    public string? LlmPendingReasonCode { get; set; }
    public DateTime? LlmEstimatedReadyAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
