namespace InstaIntel.Intelligence.People;

/// <summary>The outcome for one face: the person it belongs to and the similarity, or why it stays unlinked.</summary>
public sealed record FaceLink(FaceLinkKind Kind, Guid? PersonId, float? Similarity, string? Reason)
{
    public const string LowConfidence = "low_confidence";
    public const string EmbeddingUnavailable = "embedding_unavailable";
}
