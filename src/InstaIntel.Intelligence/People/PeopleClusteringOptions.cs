namespace InstaIntel.Intelligence.People;

/// <summary>Matching faces to people (BEHAVIOUR.md §5), bound from <c>InstaIntel:People</c>.</summary>
public sealed record PeopleClusteringOptions
{
    public const string Section = "InstaIntel:People";

    /// <summary>
    /// Cosine similarity at or above which a face joins a person. 0.40 sits in the gap measured on dlib's photos:
    /// the same person scores about 0.76 (lowest seen 0.43), different people about 0.0 (highest seen 0.36).
    /// </summary>
    public float MatchThreshold { get; init; } = 0.40f;

    /// <summary>Faces detected with less confidence are stored but not linked (reason <c>low_confidence</c>).</summary>
    public float MinLinkConfidence { get; init; } = 0.8f;

    public void Validate()
    {
        if (MatchThreshold is <= -1 or >= 1)
            throw new InvalidOperationException($"{Section}:MatchThreshold must be in (-1, 1)");
        if (MinLinkConfidence is < 0 or > 1)
            throw new InvalidOperationException($"{Section}:MinLinkConfidence must be in [0, 1]");
    }
}
