using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Stories;

/// <summary><c>instagram_profile_behavior_profiles</c>: the behavioural summary built from a profile's stories; one per profile.</summary>
public sealed class InstagramProfileBehaviorProfile : IEntity
{
    public long Id { get; set; }
    public long InstagramProfileId { get; set; }
    /// <summary>face_identity_profile, related_individuals, topic_clusters, top_hashtags, ...</summary>
    public JsonObject? BehavioralSummary { get; set; }
    public double? ActivityScore { get; set; }
    /// <summary>history_build state, comment preparation cache, face identity version, ...</summary>
    public JsonObject? Metadata { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
