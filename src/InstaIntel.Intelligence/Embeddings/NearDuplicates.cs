namespace InstaIntel.Intelligence.Embeddings;

/// <summary>Whether two pictures are the same picture, re-encoded or resized, judged by their ResNet18 embeddings.</summary>
public static class NearDuplicates
{
    /// <summary>
    /// Cosine similarity at or above which two pictures are near-duplicates. ResNet features are non-negative, so
    /// unrelated photos still score well above zero; a resized, recompressed copy scores close to 1.
    /// </summary>
    public const float DefaultThreshold = 0.92f;

    public static bool AreNearDuplicates(Embedding a, Embedding b, float threshold = DefaultThreshold) =>
        a.CosineSimilarity(b) >= threshold;
}
