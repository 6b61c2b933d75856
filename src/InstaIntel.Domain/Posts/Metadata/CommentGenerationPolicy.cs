using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Posts.Metadata;

/// <summary><c>comment_generation_policy</c>: why comment generation for the post was blocked or allowed.</summary>
public sealed record CommentGenerationPolicy : JsonContract
{
    public CommentGenerationPolicyStatus Status { get; init; }
    public IReadOnlyList<string>? RequiredSignals { get; init; }
    public IReadOnlyList<string>? MissingSignals { get; init; }
    public bool? EnforceRequiredEvidence { get; init; }
    public bool? HistoryReady { get; init; }
    public string? HistoryReasonCode { get; init; }
    public string? HistoryReason { get; init; }
    /// <summary>unsuitable_for_engagement, missing_visual_context, low_relevance_suggestions, ...</summary>
    public string? BlockedReasonCode { get; init; }
    public string? BlockedReason { get; init; }
    public EngagementClassification? EngagementClassification { get; init; }
    /// <summary>Relevance gate summary (scores, thresholds, ranking).</summary>
    public JsonObject? Relevance { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

public enum CommentGenerationPolicyStatus
{
    Enabled,
    EnabledHistoryPending,
    EnabledWithMissingRequiredEvidence,
    Blocked,
}

/// <summary>Whether the post is the profile owner's own, engagement-suitable content.</summary>
public sealed record EngagementClassification : JsonContract
{
    /// <summary>meme, quote, music_share, promotional, reshared_content, ...</summary>
    public string? ContentType { get; init; }
    public string? Ownership { get; init; }
    public bool? SameProfileOwnerContent { get; init; }
    public bool? EngagementSuitable { get; init; }
    public IReadOnlyList<string>? ReasonCodes { get; init; }
    public string? Summary { get; init; }
    public double? ContentSignalScore { get; init; }
    public double? ContentSignalThreshold { get; init; }
    public IReadOnlyList<string>? DetectedExternalHandles { get; init; }
    public string? SourceOwnerUsername { get; init; }
    public int? HashtagCount { get; init; }
    public int? MentionCount { get; init; }
    public IReadOnlyList<string>? ProfileTags { get; init; }
}
