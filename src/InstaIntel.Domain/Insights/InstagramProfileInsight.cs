using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Insights;

/// <summary><c>instagram_profile_insights</c>: profile-level AI summary projected from one <c>ai_analyses</c> row.</summary>
public sealed class InstagramProfileInsight : IEntity
{
    public long Id { get; set; }
    public long AiAnalysisId { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramProfileId { get; set; }

    public string? Summary { get; set; }
    /// <summary>personal, page, business, unknown.</summary>
    public string? ProfileType { get; set; }
    public string? Tone { get; set; }
    public string? Formality { get; set; }
    public string? EmojiUsage { get; set; }
    public string? SlangLevel { get; set; }
    public string? EngagementStyle { get; set; }
    public double? MessageabilityScore { get; set; }
    public string? PrimaryLanguage { get; set; }
    public IReadOnlyList<string>? SecondaryLanguages { get; set; }
    public JsonObject? RawAnalysis { get; set; }
    public DateTime LastRefreshedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
