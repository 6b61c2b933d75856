using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Posts.Metadata;

/// <summary>
/// <c>video_processing</c>: the video extraction summary. Reused as a cache while
/// <see cref="MediaFingerprint"/> and <see cref="ExtractionProfile"/> match the current media.
/// </summary>
public sealed record VideoProcessing : JsonContract
{
    public bool Skipped { get; init; }
    public string? Reason { get; init; }
    public VideoProcessingMode? ProcessingMode { get; init; }
    public bool? Static { get; init; }
    /// <summary>image or video: which analysis route the content takes.</summary>
    public string? SemanticRoute { get; init; }
    public double? DurationSeconds { get; init; }
    public bool? HasAudio { get; init; }
    public string? Transcript { get; init; }
    public IReadOnlyList<string>? Topics { get; init; }
    public IReadOnlyList<string>? Objects { get; init; }
    public IReadOnlyList<string>? Scenes { get; init; }
    public IReadOnlyList<string>? Hashtags { get; init; }
    public IReadOnlyList<string>? Mentions { get; init; }
    public IReadOnlyList<string>? ProfileHandles { get; init; }
    public string? OcrText { get; init; }
    public string? ContextSummary { get; init; }
    public string? MediaFingerprint { get; init; }
    /// <summary>e.g. lightweight_v1; part of the cache key.</summary>
    public string? ExtractionProfile { get; init; }
    public VideoProcessingCache? Cache { get; init; }
    public VideoProcessingFallback? Fallback { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

public enum VideoProcessingMode
{
    StaticImage,
    DynamicVideo,
}

public sealed record VideoProcessingCache : JsonContract
{
    public bool Hit { get; init; }
    public string? Source { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

/// <summary>Written when a failed video step is replaced by the visual step's metadata.</summary>
public sealed record VideoProcessingFallback : JsonContract
{
    public bool Applied { get; init; }
    public string? Reason { get; init; }
    public bool? ReusedExistingContext { get; init; }
    public string? PreviousError { get; init; }
    public DateTime? AppliedAt { get; init; }
}
