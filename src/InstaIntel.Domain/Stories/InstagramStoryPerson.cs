using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Stories;

/// <summary><c>instagram_story_people</c>: a person cluster built by matching faces across a profile's stories and posts.</summary>
public sealed class InstagramStoryPerson : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramProfileId { get; set; }

    public string? Label { get; set; }
    public PersonRole Role { get; set; } = PersonRole.SecondaryPerson;
    /// <summary>Running mean of the matched faces' embeddings (the cluster centroid).</summary>
    public FaceEmbedding? CanonicalEmbedding { get; set; }
    public int AppearanceCount { get; set; }
    public DateTime? FirstSeenAt { get; set; }
    public DateTime? LastSeenAt { get; set; }
    public StoryPersonMetadata? Metadata { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
