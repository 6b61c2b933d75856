using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Analysis;

/// <summary><c>ai_analyses</c>: one row per AI inference, polymorphic over what was analysed; the source of the insight tables.</summary>
public sealed class AiAnalysis : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }

    /// <summary>Polymorphic target: the table's entity name (<see cref="AnalyzableTypes"/>) and row id.</summary>
    public string AnalyzableType { get; set; } = "";
    public long AnalyzableId { get; set; }
    /// <summary>Analysis type identifier: profile, post, ...</summary>
    public string Purpose { get; set; } = "";

    public string Provider { get; set; } = "";
    public string? Model { get; set; }

    // Full I/O.
    public string? Prompt { get; set; }
    public string? ResponseText { get; set; }
    public JsonObject? Analysis { get; set; }
    public JsonObject? Metadata { get; set; }

    public AiAnalysisStatus Status { get; set; } = AiAnalysisStatus.Queued;
    public string? ErrorMessage { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    // Dedup/cache reuse: a hit is a new row pointing at the analysis it copied.
    public string? MediaFingerprint { get; set; }
    public bool CacheHit { get; set; }
    public long? CachedFromAiAnalysisId { get; set; }

    // Quality metrics.
    public double? ConfidenceScore { get; set; }
    public int? EvidenceCount { get; set; }
    public int? SignalsDetectedCount { get; set; }
    public double? InputCompletenessScore { get; set; }

    // Versioning.
    public string? PromptVersion { get; set; }
    public string? SchemaVersion { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
