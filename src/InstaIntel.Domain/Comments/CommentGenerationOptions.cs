namespace InstaIntel.Domain.Comments;

/// <summary><c>InstaIntel:Comments</c>: how many suggestions, and the relevance bands of BEHAVIOUR.md §6.</summary>
public sealed record CommentGenerationOptions
{
    public const string Section = "InstaIntel:Comments";

    public int MaxSuggestions { get; init; } = 8;
    /// <summary>A suggestion whose best anchor is less similar than this is low confidence.</summary>
    public double LowConfidenceBelow { get; init; } = 0.55;
    /// <summary>A suggestion whose best anchor is more similar than this is high confidence.</summary>
    public double HighConfidenceAbove { get; init; } = 0.72;
    /// <summary>With no suggestion scoring at least this (of 3), generation is blocked as low relevance.</summary>
    public double MinimumRelevance { get; init; } = 0.4;

    public void Validate()
    {
        if (MaxSuggestions is < 1 or > 8) throw new ArgumentException("InstaIntel:Comments:MaxSuggestions must be 1..8");
        if (!(LowConfidenceBelow > 0 && LowConfidenceBelow < HighConfidenceAbove && HighConfidenceAbove < 1))
            throw new ArgumentException("InstaIntel:Comments needs 0 < LowConfidenceBelow < HighConfidenceAbove < 1");
        if (MinimumRelevance is < 0 or > 3) throw new ArgumentException("InstaIntel:Comments:MinimumRelevance must be 0..3");
    }
}
