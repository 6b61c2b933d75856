using InstaIntel.Intelligence.Imaging;

namespace InstaIntel.Intelligence.People;

/// <summary>
/// What makes a face observation the same one again: the media it came from, the frame (0 for a still) and the box
/// in whole pixels. Re-processing the same media yields the same signature, so an appearance is never counted twice.
/// </summary>
public readonly record struct ObservationSignature
{
    public ObservationSignature(string source, int frame, BoundingBox box)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        Source = source;
        Frame = frame;
        Box = box.Rounded();
    }

    /// <summary>The media, e.g. <c>story:3141592653</c> or <c>post:CxYz/2</c>.</summary>
    public string Source { get; }

    public int Frame { get; }

    public BoundingBox Box { get; }

    public override string ToString() => $"{Source}#{Frame}@{Box.X1:0},{Box.Y1:0},{Box.X2:0},{Box.Y2:0}";
}
