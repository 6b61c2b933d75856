using System.Globalization;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Posts.Metadata;

namespace InstaIntel.Domain.Comments;

/// <summary>
/// Whether a comment may be written for a media (BEHAVIOUR.md §6): it needs the profile's history and something seen in
/// the media itself; without them generation is blocked and the policy says which signals were missing. After scoring,
/// a set of suggestions none of which reaches the minimum relevance blocks it too.
/// </summary>
public static class CommentPolicy
{
    public const string HistorySignal = "history";
    public const string VisualContextSignal = "visual_context";

    public const string MissingVisualContext = "missing_visual_context";
    public const string MissingHistory = "missing_history";
    public const string LowRelevanceSuggestions = "low_relevance_suggestions";

    private static readonly IReadOnlyList<string> Required = [HistorySignal, VisualContextSignal];

    public static CommentGenerationPolicy Evaluate(CommentEvidence evidence, DateTime now)
    {
        var missing = new List<string>();
        if (!evidence.HasHistory) missing.Add(HistorySignal);
        if (!evidence.HasVisualContext) missing.Add(VisualContextSignal);
        var historyReason = evidence.HasHistory ? null : evidence.HistoryReasonCode ?? (evidence.HistoryReady ? "history_empty" : "history_not_built");
        var policy = new CommentGenerationPolicy
        {
            Status = missing.Count == 0 ? CommentGenerationPolicyStatus.Enabled : CommentGenerationPolicyStatus.Blocked,
            RequiredSignals = Required,
            MissingSignals = missing,
            EnforceRequiredEvidence = true,
            HistoryReady = evidence.HasHistory,
            HistoryReasonCode = historyReason,
            HistoryReason = historyReason switch
            {
                null => null,
                "history_empty" => "the profile's history has no entries",
                "history_stale" => "media analysed since the profile's history was built",
                _ => "the profile's history has not been built",
            },
            UpdatedAt = now,
        };
        if (missing.Count == 0) return policy;
        // The visual reason comes first: a rebuilt history cannot make a picture with nothing in it commentable.
        var code = missing.Contains(VisualContextSignal) ? MissingVisualContext : MissingHistory;
        return policy with
        {
            BlockedReasonCode = code,
            BlockedReason = string.Join("; ", missing.Select(m => m == VisualContextSignal
                ? "no face and no text were found in the media"
                : $"no profile history ({historyReason})")),
        };
    }

    /// <summary>The policy after scoring: the ranking and bands in <c>relevance</c>, blocked when nothing is relevant enough.</summary>
    public static CommentGenerationPolicy AfterScoring(CommentGenerationPolicy policy, IReadOnlyList<ScoredSuggestion> ranked, CommentGenerationOptions options)
    {
        var best = ranked.Count == 0 ? 0 : ranked[0].Score;
        var relevance = new JsonObject
        {
            ["scale"] = "0-3",
            ["minimum_relevance"] = options.MinimumRelevance,
            ["low_confidence_below"] = options.LowConfidenceBelow,
            ["high_confidence_above"] = options.HighConfidenceAbove,
            ["best_score"] = best,
            ["ranked"] = new JsonArray(ranked.Select(s => (JsonNode)s.ToJson()).ToArray()),
        };
        if (ranked.Count > 0 && best >= options.MinimumRelevance)
            return policy with { Relevance = relevance, Status = CommentGenerationPolicyStatus.Enabled };
        return policy with
        {
            Relevance = relevance,
            Status = CommentGenerationPolicyStatus.Blocked,
            BlockedReasonCode = LowRelevanceSuggestions,
            BlockedReason = ranked.Count == 0
                ? "the composer wrote no suggestion"
                : $"no suggestion reached {options.MinimumRelevance.ToString(CultureInfo.InvariantCulture)} (best {best.ToString(CultureInfo.InvariantCulture)})",
        };
    }
}
