using System.Text.Json.Serialization;

namespace InstaIntel.Domain.Common;

/// <summary>
/// A rectangle in an image, as corners (x1, y1) top-left and (x2, y2) bottom-right; pixels or 0..1 fractions
/// depending on the detector, which the owning row's metadata names. Faces' <c>bounding_box</c> and OCR blocks.
/// </summary>
public sealed record BoundingBox : JsonContract
{
    public double X1 { get; init; }
    public double Y1 { get; init; }
    public double X2 { get; init; }
    public double Y2 { get; init; }

    [JsonIgnore] public double Width => X2 - X1;
    [JsonIgnore] public double Height => Y2 - Y1;
}
