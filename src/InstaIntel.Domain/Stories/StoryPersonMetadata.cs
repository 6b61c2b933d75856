using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Stories;

/// <summary><c>instagram_story_people.metadata</c>: linked usernames, relationship to the primary person, co-appearance stats.</summary>
public sealed record StoryPersonMetadata : JsonContract
{
    /// <summary>auto_cluster or primary_seed.</summary>
    public string? Source { get; init; }
    /// <summary>Faces already counted, so a re-processed story does not count twice (the last 400 are kept).</summary>
    public IReadOnlyList<string>? ObservationSignatures { get; init; }
    public int? ObservationSignaturesCount { get; init; }
    public string? LastObservationSignature { get; init; }
    public double? IdentityConfidence { get; init; }
    /// <summary>The model version of <c>canonical_embedding</c>: faces of another version are never compared with it.</summary>
    public string? EmbeddingVersion { get; init; }
    public IReadOnlyList<string>? LinkedUsernames { get; init; }
    public FaceAttributes? FaceAttributes { get; init; }
    public PrimaryIdentity? PrimaryIdentity { get; init; }

    // Relationship classification against the profile's primary person.
    /// <summary>very_frequent_collaborator, frequent_collaborator, occasional_collaborator.</summary>
    public string? Relationship { get; init; }
    public int? CoAppearancesWithPrimary { get; init; }
    public DateTime? RelationshipUpdatedAt { get; init; }

    public UserFeedback? UserFeedback { get; init; }
    public long? MergedIntoPersonId { get; init; }
    public string? MatchingDisabledReason { get; init; }
}

/// <summary>Appearance cues gathered from the person's faces.</summary>
public sealed record FaceAttributes : JsonContract
{
    public IReadOnlyDictionary<string, int>? GenderCounts { get; init; }
    public string? PrimaryGenderCue { get; init; }
    public IReadOnlyDictionary<string, int>? AgeRangeCounts { get; init; }
    public string? PrimaryAgeRange { get; init; }
    /// <summary>The last 20 age samples.</summary>
    public IReadOnlyList<double>? AgeSamples { get; init; }
    public double? AgeEstimate { get; init; }
    public DateTime? LastObservedAt { get; init; }
}

public sealed record PrimaryIdentity : JsonContract
{
    public bool Confirmed { get; init; }
    public double? DominanceRatio { get; init; }
    public int? AppearanceCount { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

/// <summary>An operator's verdict on the cluster (confirm, mark incorrect, link as owner, merge, separate).</summary>
public sealed record UserFeedback : JsonContract
{
    /// <summary>confirmed_real_person, likely_real_person, incorrect, irrelevant, synthetic, ...</summary>
    public string? RealPersonStatus { get; init; }
    public string? LastAction { get; init; }
    public DateTime? UpdatedAt { get; init; }
}
