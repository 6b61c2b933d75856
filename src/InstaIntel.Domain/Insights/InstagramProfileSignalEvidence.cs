using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Insights;

/// <summary><c>instagram_profile_signal_evidences</c>: one observed signal (a language, an interest, an avoidance, ...).</summary>
public sealed class InstagramProfileSignalEvidence : IEntity
{
    public long Id { get; set; }
    public long AiAnalysisId { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramProfileId { get; set; }
    public long InstagramProfileInsightId { get; set; }

    public string SignalType { get; set; } = "";
    public string? Value { get; set; }
    public double? Confidence { get; set; }
    public string? EvidenceText { get; set; }
    public string? SourceType { get; set; }
    public string? SourceRef { get; set; }
    public DateTime? OccurredAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
