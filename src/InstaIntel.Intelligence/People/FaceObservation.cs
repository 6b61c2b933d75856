using InstaIntel.Intelligence.Embeddings;

namespace InstaIntel.Intelligence.People;

/// <summary>A detected face offered to the clusterer: where it was seen, how sure the detector was, and its embedding if any.</summary>
public sealed record FaceObservation(ObservationSignature Signature, float Confidence, Embedding? Embedding, DateTimeOffset ObservedAt);
