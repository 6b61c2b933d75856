using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Insights;

/// <summary><c>instagram_post_entities</c>: one entity (topic, personalisation token, ...) extracted from a feed post.</summary>
public sealed class InstagramPostEntity : IEntity
{
    public long Id { get; set; }
    public long AiAnalysisId { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramPostId { get; set; }
    public long InstagramPostInsightId { get; set; }

    public string EntityType { get; set; } = "";
    public string Value { get; set; } = "";
    public double? Confidence { get; set; }
    public string? EvidenceText { get; set; }
    public string? SourceType { get; set; }
    public string? SourceRef { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
