using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Stories;

/// <summary><c>instagram_stories.metadata</c>: what ingestion and processing learned about the story.</summary>
public sealed record StoryMetadata : JsonContract
{
    // Ingestion.
    public StoryPayload? StoryPayload { get; init; }
    public string? MediaFilename { get; init; }
    public string? MediaContentType { get; init; }
    public long? MediaBytes { get; init; }
    /// <summary>True when ingestion found the row already there and stored no second copy of the media.</summary>
    public bool? DuplicateStoryStoragePrevented { get; init; }
    public DateTime? IngestedAt { get; init; }

    // Processing outputs.
    public string? OcrText { get; init; }
    public IReadOnlyList<string>? LocationTags { get; init; }
    public IReadOnlyList<string>? ContentSignals { get; init; }
    public IReadOnlyList<string>? Mentions { get; init; }
    public IReadOnlyList<string>? Hashtags { get; init; }
    public string? Transcript { get; init; }
    public int? FaceCount { get; init; }
    public int? LinkedFaceCount { get; init; }
    public int? UnlinkedFaceCount { get; init; }
    public double? MinMatchConfidence { get; init; }
    /// <summary>image, static_video or dynamic_video.</summary>
    public string? ProcessingPath { get; init; }
    public IReadOnlyList<string>? GeneratedResponseSuggestions { get; init; }
    public ContentUnderstanding? ContentUnderstanding { get; init; }
    /// <summary>e.g. story_processing_v2.</summary>
    public string? PipelineVersion { get; init; }
    public JsonObject? ProcessingMetadata { get; init; }
    public DateTime? LastProcessedAt { get; init; }

    // Identity resolution.
    public JsonObject? FaceIdentity { get; init; }
    public string? ParticipantSummary { get; init; }

    // Failure.
    public string? ProcessingError { get; init; }
    public DateTime? FailedAt { get; init; }
}

public sealed record StoryPayload : JsonContract
{
    public string? Caption { get; init; }
    public string? Permalink { get; init; }
}

/// <summary><c>content_understanding</c>: the merged reading of the story's frames, text and audio.</summary>
public sealed record ContentUnderstanding : JsonContract
{
    public IReadOnlyList<string>? Objects { get; init; }
    public int? FaceCount { get; init; }
    public IReadOnlyList<string>? Locations { get; init; }
    public string? OcrText { get; init; }
    public string? Transcript { get; init; }
    /// <summary>positive, negative or neutral.</summary>
    public string? Sentiment { get; init; }
    public IReadOnlyList<string>? Topics { get; init; }
    public IReadOnlyList<string>? Mentions { get; init; }
    public IReadOnlyList<string>? Hashtags { get; init; }
    public IReadOnlyList<string>? ProfileHandles { get; init; }
    public IReadOnlyList<string>? Scenes { get; init; }
}
