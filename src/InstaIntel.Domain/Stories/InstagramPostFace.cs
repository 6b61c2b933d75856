using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Stories;

/// <summary><c>instagram_post_faces</c>: a face detected in a profile post; same shape as <see cref="InstagramStoryFace"/>.</summary>
public sealed class InstagramPostFace : IEntity
{
    public long Id { get; set; }
    public long InstagramProfilePostId { get; set; }
    public long? InstagramStoryPersonId { get; set; }

    public BoundingBox? BoundingBox { get; set; }
    public double? DetectorConfidence { get; set; }
    public FaceEmbedding? Embedding { get; set; }
    public string? EmbeddingVersion { get; set; }
    public FaceRole Role { get; set; } = FaceRole.Unknown;
    public double? MatchSimilarity { get; set; }
    public JsonObject? Metadata { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
