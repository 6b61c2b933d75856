using System.Collections.Immutable;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Imaging;

namespace InstaIntel.Intelligence.Faces;

/// <summary>
/// One face of a picture: box and detector confidence, the five alignment points, and its identity embedding
/// (null when the face is too small to embed reliably: stored, but never linked to a person).
/// </summary>
public sealed record AnalysedFace(BoundingBox Box, float Confidence, ImmutableArray<PointF2> FivePoints, Embedding? Embedding)
{
    public string? EmbeddingVersion => Embedding?.Version;
}
