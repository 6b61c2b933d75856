using System.Collections.Immutable;
using InstaIntel.Intelligence.Imaging;

namespace InstaIntel.Intelligence.Faces;

/// <summary>The 68 points of the iBUG layout, in pixels of the picture.</summary>
public sealed record FaceLandmarks(ImmutableArray<PointF2> Points)
{
    /// <summary>
    /// The five points ArcFace alignment uses, in template order: left eye, right eye (means of the eyelid points),
    /// nose tip, left and right mouth corners (means of outer and inner lip corners).
    /// </summary>
    public ImmutableArray<PointF2> FivePoints() =>
    [
        Mean(37, 38, 40, 41),
        Mean(43, 44, 46, 47),
        Points[30],
        Mean(48, 60),
        Mean(54, 64),
    ];

    private PointF2 Mean(params int[] indices) =>
        new(indices.Average(i => Points[i].X), indices.Average(i => Points[i].Y));
}
