using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Posts.Metadata;

/// <summary><c>ocr_analysis</c>: text read from the post's image.</summary>
public sealed record OcrAnalysis : JsonContract
{
    public string? OcrText { get; init; }
    /// <summary>At most 80 blocks are kept.</summary>
    public IReadOnlyList<OcrBlock>? OcrBlocks { get; init; }
    /// <summary>Where the text came from: face_recognition_cache, local_microservice, ...</summary>
    public string? Source { get; init; }
    /// <summary>Why nothing was read, when nothing was.</summary>
    public string? Reason { get; init; }
    public string? ErrorMessage { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

/// <summary>One recognised text block.</summary>
public sealed record OcrBlock : JsonContract
{
    public string Text { get; init; } = "";
    public double? Confidence { get; init; }
    public BoundingBox? Bbox { get; init; }
    public string? Source { get; init; }
}
