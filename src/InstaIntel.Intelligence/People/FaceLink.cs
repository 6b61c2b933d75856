namespace InstaIntel.Intelligence.People;

/// <summary>The outcome for one face: the person it belongs to and the similarity, or why it stays unlinked.</summary>
public sealed record FaceLink(FaceLinkKind Kind, Guid? PersonId, float? Similarity, string? Reason)
{
    public const string LowConfidence = "low_confidence";
    public const string EmbeddingUnavailable = "embedding_unavailable";

    /// <summary>
    /// People merged because this face brought them together, in order (a later merge may absorb an earlier survivor);
    /// <see cref="PersonId"/> is the person the face ends up in. Empty for most faces.
    /// </summary>
    public IReadOnlyList<PersonMerge> Merges { get; init; } = [];
}
