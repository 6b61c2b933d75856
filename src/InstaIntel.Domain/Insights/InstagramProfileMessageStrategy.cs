using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Insights;

/// <summary><c>instagram_profile_message_strategies</c>: messaging guidance for a profile, from one analysis.</summary>
public sealed class InstagramProfileMessageStrategy : IEntity
{
    public long Id { get; set; }
    public long AiAnalysisId { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramProfileId { get; set; }
    public long InstagramProfileInsightId { get; set; }

    public IReadOnlyList<string>? BestTopics { get; set; }
    public IReadOnlyList<string>? AvoidTopics { get; set; }
    public IReadOnlyList<string>? Dos { get; set; }
    public IReadOnlyList<string>? Donts { get; set; }
    public IReadOnlyList<string>? OpenerTemplates { get; set; }
    public IReadOnlyList<string>? CommentTemplates { get; set; }
    /// <summary>question_based or soft.</summary>
    public string? CtaStyle { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
