using InstaIntel.Domain.Comments;
using InstaIntel.Intelligence.Embeddings;

namespace InstaIntel.Intelligence.Comments;

/// <summary>
/// Scores comment suggestions 0..3 against a media's evidence with MiniLM text embeddings: each suggestion's best cosine
/// similarity to the anchors of each evidence family (text and people seen, caption, history) summed by
/// <see cref="CommentRelevance.Score"/>.
/// </summary>
public sealed class CommentRelevanceScorer(TextEmbedder embedder, CommentGenerationOptions options)
{
    /// <summary>CPU-bound (one embedding per anchor and suggestion): runs on the thread pool.</summary>
    public Task<IReadOnlyList<ScoredSuggestion>> RankAsync(IReadOnlyList<string> suggestions, CommentEvidence evidence, CancellationToken cancellationToken = default) =>
        Task.Run(() => Rank(suggestions, evidence, cancellationToken), cancellationToken);

    public IReadOnlyList<ScoredSuggestion> Rank(IReadOnlyList<string> suggestions, CommentEvidence evidence, CancellationToken cancellationToken = default)
    {
        var anchors = EvidenceFamilies.Anchors(evidence)
            .Where(kv => kv.Value.Count > 0)
            .ToDictionary(kv => kv.Key, kv => kv.Value.Select(a => { cancellationToken.ThrowIfCancellationRequested(); return embedder.Embed(a); }).ToList());
        var scored = new List<ScoredSuggestion>();
        foreach (var suggestion in suggestions.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var vector = embedder.Embed(suggestion);
            var similarities = anchors.ToDictionary(kv => kv.Key, kv => (double)kv.Value.Max(a => vector.CosineSimilarity(a)));
            scored.Add(CommentRelevance.Score(suggestion, similarities, options));
        }
        return CommentRelevance.Rank(scored);
    }
}
