using InstaIntel.Intelligence.Imaging;

namespace InstaIntel.Intelligence.Faces;

/// <summary>One face the detector found: its box in pixels of the picture and the detector's score.</summary>
public sealed record FaceDetection(BoundingBox Box, float Confidence);
