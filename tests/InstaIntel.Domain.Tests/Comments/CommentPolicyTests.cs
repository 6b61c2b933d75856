using InstaIntel.Domain.Comments;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Posts.Metadata;

namespace InstaIntel.Domain.Tests.Comments;

public sealed class CommentPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly CommentGenerationOptions Options = new();

    private static readonly CommentEvidence Full = new()
    {
        Caption = "Sunday surf with the crew #surf", OcrText = "SURF CONTEST 2026", FaceCount = 3, People = [4, 5], Hashtags = ["#surf"], Mentions = ["bob"],
        HistoryReady = true, HistoryChunkCount = 2, HistoryLines = ["[2026-10-30 10:00] Posted P1: \"dawn patrol #surf\".", "[2026-10-31 10:00] Posted P2: \"wax on #surf\"."],
    };

    [Fact]
    public void Evidence_with_history_and_visual_context_enables_generation()
    {
        var policy = CommentPolicy.Evaluate(Full, Now);

        Assert.Equal(CommentGenerationPolicyStatus.Enabled, policy.Status);
        Assert.Empty(policy.MissingSignals!);
        Assert.Equal(["history", "visual_context"], policy.RequiredSignals!);
        Assert.True(policy.HistoryReady);
        Assert.Null(policy.BlockedReasonCode);
    }

    [Fact]
    public void No_face_and_no_text_blocks_generation_as_missing_visual_context_even_with_a_caption()
    {
        var policy = CommentPolicy.Evaluate(Full with { FaceCount = 0, OcrText = " " }, Now);

        Assert.Equal(CommentGenerationPolicyStatus.Blocked, policy.Status);
        Assert.Equal(["visual_context"], policy.MissingSignals!);
        Assert.Equal(CommentPolicy.MissingVisualContext, policy.BlockedReasonCode);
    }

    [Fact]
    public void A_history_not_built_blocks_generation_with_the_history_reason()
    {
        var policy = CommentPolicy.Evaluate(Full with { HistoryReady = false, HistoryChunkCount = 0, HistoryLines = [] }, Now);

        Assert.Equal(CommentGenerationPolicyStatus.Blocked, policy.Status);
        Assert.Equal(["history"], policy.MissingSignals!);
        Assert.Equal((CommentPolicy.MissingHistory, "history_not_built", false), (policy.BlockedReasonCode, policy.HistoryReasonCode, policy.HistoryReady));
    }

    [Fact]
    public void Both_missing_are_recorded_and_the_visual_reason_leads()
    {
        var policy = CommentPolicy.Evaluate(new CommentEvidence { HistoryReady = false, HistoryReasonCode = "history_stale" }, Now);

        Assert.Equal(["history", "visual_context"], policy.MissingSignals!);
        Assert.Equal(CommentPolicy.MissingVisualContext, policy.BlockedReasonCode);
        Assert.Contains("history_stale", policy.BlockedReason);
    }

    [Fact]
    public void After_scoring_nothing_relevant_enough_blocks_and_the_ranking_is_recorded()
    {
        var weak = CommentRelevance.Score("Amazing!", new Dictionary<string, double> { ["visual"] = 0.1, ["caption"] = 0.12 }, Options);
        var policy = CommentPolicy.AfterScoring(CommentPolicy.Evaluate(Full, Now), [weak], Options);

        Assert.Equal((CommentGenerationPolicyStatus.Blocked, CommentPolicy.LowRelevanceSuggestions), (policy.Status, policy.BlockedReasonCode));
        Assert.Equal(0.22, policy.Relevance!["best_score"]!.GetValue<double>(), 3);
        Assert.Equal("Amazing!", policy.Relevance["ranked"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void After_scoring_a_relevant_suggestion_keeps_generation_enabled()
    {
        var good = CommentRelevance.Score("Surf contest!", new Dictionary<string, double> { ["visual"] = 0.8 }, Options);

        Assert.Equal(CommentGenerationPolicyStatus.Enabled, CommentPolicy.AfterScoring(CommentPolicy.Evaluate(Full, Now), [good], Options).Status);
    }

    [Fact]
    public void Evidence_survives_its_line_form_which_is_what_a_provider_is_given()
    {
        var lines = Full.ToLines();

        var back = CommentEvidence.FromLines(lines);

        Assert.Contains("ocr: SURF CONTEST 2026", lines);
        Assert.Equal((Full.Caption, Full.OcrText, Full.FaceCount), (back.Caption, back.OcrText, back.FaceCount));
        Assert.Equal(Full.People, back.People);
        Assert.Equal(Full.Hashtags, back.Hashtags);
        Assert.Equal(Full.Mentions, back.Mentions);
        Assert.Equal(Full.HistoryLines, back.HistoryLines);
    }

    [Fact]
    public void The_comment_lifecycle_allows_only_the_documented_moves()
    {
        Assert.True(LlmCommentLifecycle.CanMove(LlmCommentStatus.NotRequested, LlmCommentStatus.Queued));
        Assert.True(LlmCommentLifecycle.CanMove(LlmCommentStatus.Queued, LlmCommentStatus.Running));
        Assert.True(LlmCommentLifecycle.CanMove(LlmCommentStatus.Running, LlmCommentStatus.Skipped));
        Assert.True(LlmCommentLifecycle.CanMove(LlmCommentStatus.Failed, LlmCommentStatus.Queued));
        Assert.False(LlmCommentLifecycle.CanMove(LlmCommentStatus.NotRequested, LlmCommentStatus.Running));
        Assert.False(LlmCommentLifecycle.CanMove(LlmCommentStatus.Completed, LlmCommentStatus.Queued));
        Assert.Throws<InvalidOperationException>(() => LlmCommentLifecycle.Move(LlmCommentStatus.Queued, LlmCommentStatus.Completed));
    }
}
