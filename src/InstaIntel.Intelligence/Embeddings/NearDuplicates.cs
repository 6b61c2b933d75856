namespace InstaIntel.Intelligence.Embeddings;

/// <summary>Whether two pictures are the same picture, re-encoded or resized, judged by their ResNet18 embeddings.</summary>
public static class NearDuplicates
{
    /// <summary>
    /// Cosine similarity at or above which two pictures are near-duplicates. ResNet features are non-negative, so
    /// unrelated photos still score well above zero (0.3 to 0.8 on dlib's photos, two portraits of one man against
    /// the same backdrop 0.92), while a copy of a full-size photo at 2/3 size and JPEG quality 60 scores 0.97 to 0.997.
    /// Thumbnails blur the line: 150 px portraits copied that way score 0.92 to 0.95, as high as two different shots.
    /// </summary>
    public const float DefaultThreshold = 0.93f;

    public static bool AreNearDuplicates(Embedding a, Embedding b, float threshold = DefaultThreshold) =>
        a.CosineSimilarity(b) >= threshold;
}
