using System.Text.Json.Nodes;

namespace InstaIntel.Domain.Comments;

/// <summary>How sure the best anchor match of a suggestion is (BEHAVIOUR.md §6: below 0.55 low, above 0.72 high).</summary>
public enum RelevanceConfidence
{
    Low,
    Medium,
    High,
}

/// <summary>
/// The families of evidence a suggestion is scored against. Each contributes its best anchor similarity (0..1), so a
/// suggestion's score runs 0..3: one that speaks to what is in the picture, to the caption and to the profile's past
/// outranks one that matches a single source.
/// </summary>
public static class EvidenceFamilies
{
    public const string Visual = "visual";
    public const string Caption = "caption";
    public const string History = "history";

    public static IReadOnlyList<string> All { get; } = [Visual, Caption, History];

    /// <summary>The anchor texts of each family: text read and people seen; the caption; the newest history lines.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Anchors(CommentEvidence evidence)
    {
        var visual = new List<string>();
        if (!string.IsNullOrWhiteSpace(evidence.OcrText)) visual.Add(evidence.OcrText);
        if (evidence.FaceCount > 0) visual.Add(evidence.FaceCount == 1 ? "a photo of one person" : $"a photo of {evidence.FaceCount} people together");
        visual.AddRange(evidence.Hashtags.Select(h => h.TrimStart('#')));
        var caption = string.IsNullOrWhiteSpace(evidence.Caption) ? new List<string>() : [evidence.Caption];
        return new Dictionary<string, IReadOnlyList<string>>
        {
            [Visual] = visual,
            [Caption] = caption,
            [History] = evidence.HistoryLines.TakeLast(10).ToList(),
        };
    }
}

/// <summary>One suggestion with its relevance: the 0..3 score, each family's best similarity, and the confidence band.</summary>
public sealed record ScoredSuggestion(string Text, double Score, IReadOnlyDictionary<string, double> Similarities, string? BestFamily, double BestSimilarity,
    RelevanceConfidence Confidence)
{
    public JsonObject ToJson()
    {
        var similarities = new JsonObject();
        foreach (var (family, value) in Similarities) similarities[family] = value;
        return new JsonObject
        {
            ["text"] = Text,
            ["score"] = Score,
            ["best_anchor_family"] = BestFamily,
            ["best_anchor_similarity"] = BestSimilarity,
            ["confidence"] = Confidence.ToString().ToLowerInvariant(),
            ["similarities"] = similarities,
        };
    }
}

/// <summary>Turns anchor similarities into scores and a ranking; the embedding itself is the scorer's (InstaIntel.Intelligence).</summary>
public static class CommentRelevance
{
    /// <param name="similarities">per family, the suggestion's best cosine similarity to that family's anchors (absent: no anchors).</param>
    public static ScoredSuggestion Score(string text, IReadOnlyDictionary<string, double> similarities, CommentGenerationOptions options)
    {
        // Negative similarity means unrelated, not "anti-relevant": it adds nothing.
        var clamped = similarities.ToDictionary(kv => kv.Key, kv => Math.Round(Math.Clamp(kv.Value, 0, 1), 4));
        var score = Math.Round(clamped.Values.Sum(), 3);
        var best = clamped.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).FirstOrDefault();
        var confidence = best.Value < options.LowConfidenceBelow ? RelevanceConfidence.Low
            : best.Value > options.HighConfidenceAbove ? RelevanceConfidence.High
            : RelevanceConfidence.Medium;
        return new ScoredSuggestion(text, score, clamped, best.Key, best.Value, confidence);
    }

    /// <summary>Best first; ties by text, so the ranking is stable.</summary>
    public static IReadOnlyList<ScoredSuggestion> Rank(IEnumerable<ScoredSuggestion> scored) =>
        scored.OrderByDescending(s => s.Score).ThenBy(s => s.Text, StringComparer.Ordinal).ToList();
}
