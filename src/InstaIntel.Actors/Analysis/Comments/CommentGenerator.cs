using System.Text.Json.Nodes;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Comments;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Intelligence.Comments;

namespace InstaIntel.Actors.Analysis.Comments;

/// <summary>What comment generation decided for one media: the policy, and the ranked suggestions when it was allowed.</summary>
public sealed record CommentGenerationResult(CommentGenerationPolicy Policy, IReadOnlyList<ScoredSuggestion> Ranked, long? AiAnalysisId, string? Provider, string? Model)
{
    public bool Blocked => Policy.Status == CommentGenerationPolicyStatus.Blocked;

    /// <summary>The suggestion to use: the best one, when generation was not blocked.</summary>
    public ScoredSuggestion? Selected => Blocked ? null : Ranked.FirstOrDefault();
}

/// <summary>
/// Comment generation for a post or a story (BEHAVIOUR.md §6): the policy first (no history or nothing seen in the media
/// blocks it, without any inference); then up to <see cref="CommentGenerationOptions.MaxSuggestions"/> suggestions from
/// the AI runner (purpose text_generation: the local composer, or a chat provider by priority), each scored 0..3 against
/// the evidence with MiniLM; a set with nothing relevant enough is blocked too.
/// </summary>
public sealed class CommentGenerator(AiRunner runner, CommentRelevanceScorer scorer, CommentGenerationOptions options)
{
    public const string SystemPrompt = "You write short, friendly Instagram comments grounded only in the evidence given. One comment a line, no numbering.";

    public CommentGenerationOptions Options => options;

    public async Task<CommentGenerationResult> GenerateAsync(long accountId, string analyzableType, long analyzableId, CommentEvidence evidence,
        CancellationToken cancellationToken)
    {
        var policy = CommentPolicy.Evaluate(evidence, DateTime.UtcNow);
        if (policy.Status == CommentGenerationPolicyStatus.Blocked)
            return new CommentGenerationResult(policy, [], null, null, null);

        var lines = evidence.ToLines();
        var prompt = $"Write up to {options.MaxSuggestions} comments for this post.\nEvidence:\n{string.Join('\n', lines)}";
        var outcome = await runner.RunAsync(new AiRequest(accountId, analyzableType, analyzableId, AiPurposes.TextGeneration, AiApiCallCategory.TextGeneration,
            Prompt: prompt, SystemPrompt: SystemPrompt, Evidence: lines), cancellationToken);
        var suggestions = Suggestions(outcome.Analysis).Take(options.MaxSuggestions).ToList();
        var ranked = await scorer.RankAsync(suggestions, evidence, cancellationToken);
        return new CommentGenerationResult(CommentPolicy.AfterScoring(policy, ranked, options), ranked, outcome.AiAnalysisId, outcome.Provider, outcome.Model);
    }

    /// <summary>The local composer's <c>suggestions</c>; a chat model's text, one suggestion a line.</summary>
    private static IEnumerable<string> Suggestions(JsonObject analysis)
    {
        if (analysis["suggestions"] is JsonArray array)
            return array.Select(n => n?.GetValue<string>()?.Trim()).OfType<string>().Where(s => s.Length > 0);
        var text = analysis["text"]?.GetValue<string>() ?? "";
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.TrimStart('-', '*', ' ').Trim('"'))
            .Where(l => l.Length > 0)
            .Distinct(StringComparer.Ordinal);
    }
}
