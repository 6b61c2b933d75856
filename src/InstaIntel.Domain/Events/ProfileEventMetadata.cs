using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Events;

/// <summary>
/// <c>instagram_profile_events.metadata</c>: story ingestion payload, media locations and local story
/// intelligence. Kind-specific keys not declared here (delivery details of replies, api_* variants, ...) stay in
/// <see cref="JsonContract.AdditionalFields"/>.
/// </summary>
public sealed record ProfileEventMetadata : JsonContract
{
    /// <summary>Which flow wrote the event: home_story_tray, profile_story_sync, feed_capture_home, ...</summary>
    public string? Source { get; init; }

    // Story identity.
    public string? StoryId { get; init; }
    public string? StoryRef { get; init; }
    public string? StoryUrl { get; init; }
    public string? OwnerUsername { get; init; }
    public string? OwnerIgUserId { get; init; }

    // Media.
    public string? MediaType { get; init; }
    public string? MediaUrl { get; init; }
    public string? ImageUrl { get; init; }
    public string? VideoUrl { get; init; }
    public int? MediaWidth { get; init; }
    public int? MediaHeight { get; init; }
    public string? MediaContentType { get; init; }
    public long? MediaBytes { get; init; }
    public DateTime? DownloadedAt { get; init; }
    public bool? ReusedLocalCache { get; init; }

    // Outcome of the step that wrote the event.
    public string? Status { get; init; }
    public string? Reason { get; init; }
    public string? SkipReason { get; init; }
    public DateTime? RetryAfterAt { get; init; }
    public string? ReplyComment { get; init; }

    // Local intelligence and the decisions taken on it.
    public JsonObject? LocalStoryIntelligence { get; init; }
    public JsonObject? ValidatedStoryInsights { get; init; }
    public JsonObject? StoryGenerationPolicy { get; init; }
    public JsonObject? FaceIdentity { get; init; }
}
