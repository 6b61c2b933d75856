namespace InstaIntel.Intelligence.Faces;

/// <summary>UltraFace post-processing, bound from <c>InstaIntel:Faces:Detector</c>.</summary>
public sealed record FaceDetectorOptions
{
    /// <summary>Keep a candidate at or above this face score (0.8 verified on dlib's photos: all faces, no dog or car).</summary>
    public float ScoreThreshold { get; init; } = 0.8f;

    /// <summary>Hard non-maximum suppression: a candidate overlapping a better one by more than this IoU is the same face.</summary>
    public float NmsIoU { get; init; } = 0.35f;

    /// <summary>
    /// A candidate with more than this share of its area inside a more confident face is a part of that face: in a
    /// close-up, UltraFace also scores an eye as a small face.
    /// </summary>
    public float ContainmentLimit { get; init; } = 0.7f;

    public void Validate()
    {
        if (ScoreThreshold is <= 0 or >= 1)
            throw new InvalidOperationException("Faces:Detector:ScoreThreshold must be in (0, 1)");
        if (NmsIoU is <= 0 or >= 1)
            throw new InvalidOperationException("Faces:Detector:NmsIoU must be in (0, 1)");
        if (ContainmentLimit is <= 0 or > 1)
            throw new InvalidOperationException("Faces:Detector:ContainmentLimit must be in (0, 1]");
    }
}
