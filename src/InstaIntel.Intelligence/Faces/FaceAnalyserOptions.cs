namespace InstaIntel.Intelligence.Faces;

/// <summary>Bound from <c>InstaIntel:Faces</c>.</summary>
public sealed record FaceAnalyserOptions
{
    public const string Section = "InstaIntel:Faces";

    public FaceDetectorOptions Detector { get; init; } = new();

    /// <summary>
    /// Faces whose box is narrower than this (pixels) get no embedding: upscaling a handful of pixels to 112×112
    /// gives vectors that match strangers.
    /// </summary>
    public int MinFaceSizeForEmbedding { get; init; } = 20;

    public void Validate()
    {
        Detector.Validate();
        if (MinFaceSizeForEmbedding < 1)
            throw new InvalidOperationException($"{Section}:MinFaceSizeForEmbedding must be at least 1");
    }
}
