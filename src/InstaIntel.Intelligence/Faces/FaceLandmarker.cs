using System.Buffers;
using System.Collections.Immutable;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;

namespace InstaIntel.Intelligence.Faces;

/// <summary>
/// 68-point landmarks: the face box squared (side = box height, as the model was fed), kept inside the picture,
/// cropped to 64×64 grey with values p/256; the model answers each point in 0..1 of that crop.
/// </summary>
public sealed class FaceLandmarker
{
    private const int Size = 64;
    private static readonly string[] Outputs = ["output"];

    private readonly ModelRegistry _registry;

    public FaceLandmarker(ModelRegistry registry) => _registry = registry;

    public FaceLandmarks Locate(RgbaImage image, BoundingBox face)
    {
        var (x, y, side) = SquareInside(face, image.Width, image.Height);
        var crop = image.Clip(x, y, side, side);
        using var input = new PooledTensor(1, 1, Size, Size);
        var resized = ArrayPool<byte>.Shared.Rent(Size * Size * 4);
        try
        {
            image.ResizeInto(crop, Size, Size, resized);
            ToGrey(resized, input.Span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(resized);
        }
        return OnnxInvoker.Run(_registry, ModelNames.FaceLandmarker, "input", input, Outputs, outputs =>
        {
            var output = outputs[0].GetTensorDataAsSpan<float>();
            var points = ImmutableArray.CreateBuilder<PointF2>(68);
            for (var i = 0; i < 68; i++)
                points.Add(new PointF2(x + output[i * 2] * crop.Width, y + output[i * 2 + 1] * crop.Height));
            return new FaceLandmarks(points.MoveToImmutable());
        });
    }

    // A square of the box's height around its centre, shrunk to fit and shifted back inside the picture.
    private static (int X, int Y, int Side) SquareInside(BoundingBox face, int width, int height)
    {
        var side = (int)MathF.Round(MathF.Min(face.Height, MathF.Min(width, height)));
        side = Math.Max(side, 1);
        var x = (int)MathF.Round(face.CenterX - side / 2f);
        var y = (int)MathF.Round(face.CenterY - side / 2f);
        return (Math.Clamp(x, 0, width - side), Math.Clamp(y, 0, height - side), side);
    }

    private static void ToGrey(ReadOnlySpan<byte> pixels, Span<float> input)
    {
        for (var i = 0; i < input.Length; i++)
            input[i] = (0.299f * pixels[i * 4] + 0.587f * pixels[i * 4 + 1] + 0.114f * pixels[i * 4 + 2]) / 256f;
    }
}
