using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Analysis;

/// <summary><c>instagram_profile_analyses</c> (legacy): profile analyses from before <c>ai_analyses</c>, read only as a fallback.</summary>
public sealed class InstagramProfileAnalysis : IEntity
{
    public long Id { get; set; }
    public long InstagramProfileId { get; set; }
    public string Provider { get; set; } = "xai";
    public string? Model { get; set; }
    public string? Prompt { get; set; }
    public string? ResponseText { get; set; }
    public JsonObject? Analysis { get; set; }
    public JsonObject? Metadata { get; set; }
    public AiAnalysisStatus Status { get; set; } = AiAnalysisStatus.Queued;
    public string? ErrorMessage { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
