using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Profiles;

/// <summary><c>instagram_profiles</c>: one Instagram user discovered in an account's network; unique per (account, username).</summary>
public sealed class InstagramProfile : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }

    // Identity: the profile snapshot.
    public string Username { get; set; } = "";
    public string? IgUserId { get; set; }
    public string? DisplayName { get; set; }
    public string? Bio { get; set; }
    public int? FollowersCount { get; set; }

    // Follow graph: mutuals are the rows where both are true.
    public bool Following { get; set; }
    public bool FollowsYou { get; set; }

    // DM state: messageability with a retry window.
    public bool? CanMessage { get; set; }
    public string? RestrictionReason { get; set; }
    public DmAutoMode DmAutoMode { get; set; } = DmAutoMode.DraftOnly;
    public DmInteractionState? DmInteractionState { get; set; }
    public string? DmInteractionReason { get; set; }
    public DateTime? DmInteractionCheckedAt { get; set; }
    public DateTime? DmInteractionRetryAfterAt { get; set; }

    // Story state: story reply eligibility with a retry window.
    public StoryInteractionState? StoryInteractionState { get; set; }
    public string? StoryInteractionReason { get; set; }
    public DateTime? StoryInteractionCheckedAt { get; set; }
    public DateTime? StoryInteractionRetryAfterAt { get; set; }
    public bool? StoryReactionAvailable { get; set; }

    // AI estimates: demographics, each with the confidence that lets a better estimate replace it.
    public int? AiEstimatedAge { get; set; }
    public double? AiAgeConfidence { get; set; }
    public string? AiEstimatedGender { get; set; }
    public double? AiGenderConfidence { get; set; }
    public string? AiEstimatedLocation { get; set; }
    public double? AiLocationConfidence { get; set; }
    public string? AiPersonaSummary { get; set; }
    public DateTime? AiLastAnalyzedAt { get; set; }

    // Media: avatar tracking.
    public string? ProfilePicUrl { get; set; }
    public string? AvatarUrlFingerprint { get; set; }
    public DateTime? AvatarSyncedAt { get; set; }

    // Activity.
    public DateTime? LastActiveAt { get; set; }
    public DateTime? LastPostAt { get; set; }
    public DateTime? LastStorySeenAt { get; set; }
    public DateTime? LastSyncedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
