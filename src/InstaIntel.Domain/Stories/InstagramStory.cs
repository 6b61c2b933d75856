using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Stories;

/// <summary><c>instagram_stories</c>: a persisted story with its processing state; unique per (profile, story_id).</summary>
public sealed class InstagramStory : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramProfileId { get; set; }
    /// <summary>The <c>instagram_profile_events</c> row (story_downloaded) the story came from.</summary>
    public long? SourceEventId { get; set; }

    // Story identity.
    public string StoryId { get; set; } = "";
    /// <summary>image or video.</summary>
    public string? MediaType { get; set; }
    public DateTime? TakenAt { get; set; }
    public DateTime? ExpiresAt { get; set; }

    // Media URLs, and the downloaded blob's content address.
    public string? ImageUrl { get; set; }
    public string? VideoUrl { get; set; }
    public string? MediaUrl { get; set; }
    public double? DurationSeconds { get; set; }
    public string? MediaBlobKey { get; set; }
    public string? MediaContentType { get; set; }
    public long? MediaByteSize { get; set; }

    // Pipeline state.
    public StoryProcessingStatus ProcessingStatus { get; set; } = StoryProcessingStatus.Pending;
    public DateTime? ProcessedAt { get; set; }
    /// <summary>Processing outputs including content_understanding.</summary>
    public StoryMetadata? Metadata { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
