using System.Collections.Immutable;
using InstaIntel.Intelligence.Imaging;

namespace InstaIntel.Intelligence.Faces;

/// <summary>Warps a face so its five points land on the ArcFace 112×112 template (bilinear sampling, black outside).</summary>
public static class FaceAligner
{
    public const int Size = 112;

    /// <summary>ArcFace's reference positions of left eye, right eye, nose, left and right mouth corner.</summary>
    public static readonly ImmutableArray<PointF2> Template =
    [
        new(38.2946f, 51.6963f),
        new(73.5318f, 51.5014f),
        new(56.0252f, 71.7366f),
        new(41.5493f, 92.3655f),
        new(70.7299f, 92.2041f),
    ];

    public static RgbaImage Align(RgbaImage image, IReadOnlyList<PointF2> fivePoints)
    {
        var toTemplate = SimilarityTransform.Estimate(fivePoints, Template);
        var toSource = toTemplate.Inverse();
        var pixels = new byte[Size * Size * 4];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var source = toSource.Apply(new PointF2(x, y));
                var offset = (y * Size + x) * 4;
                for (var c = 0; c < 3; c++)
                    pixels[offset + c] = (byte)Math.Clamp(MathF.Round(image.Sample(source.X, source.Y, c)), 0, 255);
                pixels[offset + 3] = 255;
            }
        }
        return new RgbaImage(Size, Size, pixels);
    }
}
