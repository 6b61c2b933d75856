using InstaIntel.Domain.Comments;

namespace InstaIntel.Domain.Tests.Comments;

public sealed class CommentComposerTests
{
    private static readonly CommentGenerationOptions Options = new();

    private static readonly CommentEvidence Evidence = new()
    {
        Caption = "Sunday surf with @bob #surf", OcrText = "SURF CONTEST 2026 finals today", FaceCount = 2, Hashtags = ["#surf"], Mentions = ["bob"],
        HistoryReady = true, HistoryChunkCount = 1, HistoryLines = ["Posted P1: \"dawn #surf\".", "Posted P2: \"wax #Surf\"."],
    };

    [Fact]
    public void The_composer_writes_up_to_eight_distinct_suggestions_from_the_evidence()
    {
        var suggestions = CommentComposer.Suggest(Evidence, "instagram_profile_posts:7");

        Assert.InRange(suggestions.Count, 2, 8);
        Assert.Equal(suggestions.Count, suggestions.Distinct().Count());
        Assert.Contains(suggestions, s => s.Contains("\"SURF CONTEST 2026 finals today\""));
        Assert.Contains(suggestions, s => s.Contains("#surf"));
        Assert.Contains(suggestions, s => s.Contains("together"));
        Assert.Contains(suggestions, s => s.Contains("Another surf moment"));
        Assert.Contains(suggestions, s => s.Contains("@bob"));
        Assert.DoesNotContain(suggestions, s => s.Contains("@bob #surf looks"));
        Assert.True(CommentComposer.Suggest(Evidence, "x", max: 3).Count == 3);
    }

    [Fact]
    public void The_same_evidence_and_target_always_give_the_same_suggestions()
    {
        Assert.Equal(CommentComposer.Suggest(Evidence, "instagram_stories:3"), CommentComposer.Suggest(Evidence, "instagram_stories:3"));
    }

    [Fact]
    public void Scores_sum_each_familys_best_similarity_ignore_negatives_and_band_the_best_anchor()
    {
        var high = CommentRelevance.Score("a", new Dictionary<string, double> { ["visual"] = 0.8, ["caption"] = 0.5, ["history"] = -0.2 }, Options);
        var medium = CommentRelevance.Score("b", new Dictionary<string, double> { ["visual"] = 0.6 }, Options);
        var low = CommentRelevance.Score("c", new Dictionary<string, double> { ["visual"] = 0.3, ["caption"] = 0.3, ["history"] = 0.3 }, Options);

        Assert.Equal((1.3, "visual", RelevanceConfidence.High), (high.Score, high.BestFamily, high.Confidence));
        Assert.Equal(0, high.Similarities["history"]);
        Assert.Equal(RelevanceConfidence.Medium, medium.Confidence);
        Assert.Equal((0.9, RelevanceConfidence.Low), (low.Score, low.Confidence));
        Assert.Equal(3, CommentRelevance.Score("d", new Dictionary<string, double> { ["visual"] = 1, ["caption"] = 1, ["history"] = 1 }, Options).Score);
        Assert.Equal(["a", "c", "b"], CommentRelevance.Rank([medium, low, high]).Select(s => s.Text));
    }
}
