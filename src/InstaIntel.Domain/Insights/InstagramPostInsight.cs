using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Insights;

/// <summary><c>instagram_post_insights</c>: post-level AI summary of a feed post, from one analysis.</summary>
public sealed class InstagramPostInsight : IEntity
{
    public long Id { get; set; }
    public long AiAnalysisId { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramPostId { get; set; }

    public string? ImageDescription { get; set; }
    public IReadOnlyList<string>? CommentSuggestions { get; set; }
    public string? Sentiment { get; set; }
    public IReadOnlyList<string>? Topics { get; set; }
    public double? EngagementScore { get; set; }
    public bool? Relevant { get; set; }
    public string? AuthorType { get; set; }
    public IReadOnlyList<string>? SuggestedActions { get; set; }
    public string? RecommendedNextAction { get; set; }
    public double? Confidence { get; set; }
    public string? Evidence { get; set; }
    public JsonObject? RawAnalysis { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
