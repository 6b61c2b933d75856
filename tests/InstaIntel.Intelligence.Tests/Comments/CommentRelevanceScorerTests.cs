using InstaIntel.Domain.Comments;
using InstaIntel.Intelligence.Comments;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Tests.Support;

namespace InstaIntel.Intelligence.Tests.Comments;

/// <summary>Relevance of comment suggestions scored with the real MiniLM against a media's evidence.</summary>
[Collection(ModelsCollection.Name)]
public sealed class CommentRelevanceScorerTests(ModelsFixture models)
{
    private readonly CommentRelevanceScorer _scorer = new(new TextEmbedder(models.Registry), new CommentGenerationOptions());

    private static readonly CommentEvidence Surf = new()
    {
        Caption = "Dawn session at the point, waves were firing",
        OcrText = "SURF CONTEST FINALS SATURDAY",
        FaceCount = 2,
        HistoryReady = true,
        HistoryChunkCount = 1,
        HistoryLines = ["[2026-10-30 07:00] Posted P1: \"Early surf before work\".", "[2026-10-31 07:00] Story (image). Text in it: \"new surfboard day\"."],
    };

    [Fact]
    public void A_suggestion_about_what_the_media_shows_outranks_an_unrelated_one()
    {
        var ranked = _scorer.Rank(["Quarterly tax filing deadline reminder", "Good luck in the surf contest finals!", "Those waves look amazing this morning"], Surf);

        Assert.Equal(3, ranked.Count);
        Assert.Equal("Quarterly tax filing deadline reminder", ranked[^1].Text);
        Assert.Contains(ranked[0].Text, new[] { "Good luck in the surf contest finals!", "Those waves look amazing this morning" });
        Assert.All(ranked, s => Assert.InRange(s.Score, 0, 3));
        Assert.True(ranked[0].Score > ranked[^1].Score + 0.5, $"best {ranked[0].Score}, unrelated {ranked[^1].Score}");
        Assert.Equal(["caption", "history", "visual"], ranked[0].Similarities.Keys.Order());
    }

    [Fact]
    public void The_suggestion_quoting_the_text_read_is_high_confidence_on_the_visual_anchor_and_the_unrelated_one_low()
    {
        var ranked = _scorer.Rank(["\"SURF CONTEST FINALS SATURDAY\" — love this!", "Pizza with extra cheese"], Surf);

        var quoting = ranked.Single(s => s.Text.StartsWith('"'));
        Assert.Equal(("visual", RelevanceConfidence.High), (quoting.BestFamily, quoting.Confidence));
        Assert.Equal(RelevanceConfidence.Low, ranked.Single(s => s.Text.StartsWith("Pizza")).Confidence);
    }

    [Fact]
    public void Families_without_anchors_add_nothing_and_scoring_is_repeatable()
    {
        var bare = new CommentEvidence { OcrText = "SURF CONTEST FINALS SATURDAY" };

        var first = _scorer.Rank(["Good luck in the surf contest finals!"], bare);
        var second = _scorer.Rank(["Good luck in the surf contest finals!"], bare);

        Assert.Equal(["visual"], first[0].Similarities.Keys);
        Assert.Equal(first[0].Score, second[0].Score);
        Assert.InRange(first[0].Score, 0, 1);
    }
}
