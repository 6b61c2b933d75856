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
        var pixels = new byte[Size * Size * 4];
        AlignInto(image, fivePoints, pixels);
        return new RgbaImage(Size, Size, pixels);
    }

    /// <summary>The aligned face's RGBA pixels into <paramref name="destination"/> (Size × Size × 4), for a pooled buffer.</summary>
    internal static void AlignInto(RgbaImage image, IReadOnlyList<PointF2> fivePoints, Span<byte> destination)
    {
        var toTemplate = SimilarityTransform.Estimate(fivePoints, Template);
        var toSource = toTemplate.Inverse();
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var source = toSource.Apply(new PointF2(x, y));
                var (r, g, b) = image.SampleRgb(source.X, source.Y);
                var offset = (y * Size + x) * 4;
                destination[offset] = ToByte(r);
                destination[offset + 1] = ToByte(g);
                destination[offset + 2] = ToByte(b);
                destination[offset + 3] = 255;
            }
        }
    }

    private static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0, 255);
}
