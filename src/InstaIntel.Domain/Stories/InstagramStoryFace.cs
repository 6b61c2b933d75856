using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Stories;

/// <summary><c>instagram_story_faces</c>: a face detected in a story, linked to a person cluster when matched.</summary>
public sealed class InstagramStoryFace : IEntity
{
    public long Id { get; set; }
    public long InstagramStoryId { get; set; }
    public long? InstagramStoryPersonId { get; set; }

    // Detection geometry.
    public BoundingBox? BoundingBox { get; set; }
    public double? DetectorConfidence { get; set; }

    // Embedding for matching.
    public FaceEmbedding? Embedding { get; set; }
    public string? EmbeddingVersion { get; set; }

    public FaceRole Role { get; set; } = FaceRole.Unknown;
    public double? MatchSimilarity { get; set; }
    /// <summary>source, observation signature, link_status.</summary>
    public JsonObject? Metadata { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
