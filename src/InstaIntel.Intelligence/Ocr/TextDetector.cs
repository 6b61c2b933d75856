using System.Buffers;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;

namespace InstaIntel.Intelligence.Ocr;

/// <summary>
/// PP-OCRv4 detection (DBNet): sides resized to multiples of 32, BGR with ImageNet mean and std (as PaddleOCR feeds
/// cv2 images); the probability map is binarised, each connected region becomes a box, scored by its mean
/// probability, and grown back (unclipped) since DBNet learns shrunk text kernels.
/// </summary>
public sealed class TextDetector
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];
    // Plane c is BGR channel c.
    private static readonly PlanarConversion Normalise = new((c, p) => (p / 255f - Mean[c]) / Std[c], bgr: true);
    private static readonly string[] Outputs = ["sigmoid_0.tmp_0"];

    private readonly ModelRegistry _registry;
    private readonly OcrOptions _options;

    public TextDetector(ModelRegistry registry, OcrOptions options)
    {
        _registry = registry;
        _options = options;
    }

    /// <summary>Text boxes in pixels of <paramref name="image"/>, which is shrunk so its long side is at most <paramref name="maxSide"/>.</summary>
    public IReadOnlyList<(BoundingBox Box, float Score)> Detect(RgbaImage image, int maxSide) => Detect(image, image.Whole, maxSide);

    /// <summary>
    /// <c>Detect(image.Crop(region), maxSide)</c> without the crop: boxes in pixels of the region (tiles of a big picture).
    /// </summary>
    internal IReadOnlyList<(BoundingBox Box, float Score)> Detect(RgbaImage image, PixelRegion region, int maxSide)
    {
        var scale = Math.Min(1f, (float)maxSide / Math.Max(region.Width, region.Height));
        var width = RoundTo32(region.Width * scale);
        var height = RoundTo32(region.Height * scale);
        using var input = new PooledTensor(1, 3, height, width);
        Normalise.WriteResized(image, region, width, height, input.Span);
        var boxes = OnnxInvoker.Run(_registry, ModelNames.OcrDetector, "x", input, Outputs,
            outputs => Boxes(outputs[0].GetTensorDataAsSpan<float>(), width, height));
        var sx = (float)region.Width / width;
        var sy = (float)region.Height / height;
        return boxes
            .Select(b => (b.Box.Scale(sx, sy).ClipTo(region.Width, region.Height), b.Score))
            .ToList();
    }

    private static int RoundTo32(float side) => Math.Max(32, (int)MathF.Round(side / 32f) * 32);

    private List<(BoundingBox Box, float Score)> Boxes(ReadOnlySpan<float> map, int width, int height)
    {
        const byte Text = 1, Seen = 2;
        var boxes = new List<(BoundingBox Box, float Score)>();
        // One byte a pixel of the map (text, seen), pooled: the map of a 960-pixel picture is a large object.
        var state = ArrayPool<byte>.Shared.Rent(map.Length);
        try
        {
            for (var i = 0; i < map.Length; i++)
                state[i] = map[i] > _options.BinarizeThreshold ? Text : (byte)0;
            var stack = new Stack<int>();
            for (var start = 0; start < map.Length; start++)
            {
                if (state[start] != Text)
                    continue;
                // One 8-connected region: its bounding rectangle.
                int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
                stack.Push(start);
                state[start] = Text | Seen;
                while (stack.Count > 0)
                {
                    var p = stack.Pop();
                    int x = p % width, y = p / width;
                    minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            int nx = x + dx, ny = y + dy;
                            if ((uint)nx >= (uint)width || (uint)ny >= (uint)height)
                                continue;
                            var q = ny * width + nx;
                            if (state[q] == Text)
                            {
                                state[q] = Text | Seen;
                                stack.Push(q);
                            }
                        }
                    }
                }
                var w = maxX - minX + 1;
                var h = maxY - minY + 1;
                if (Math.Min(w, h) < 3)
                    continue;
                var score = MeanInside(map, width, minX, minY, maxX, maxY);
                if (score < _options.BoxScoreThreshold)
                    continue;
                var grow = w * h * _options.UnclipRatio / (2f * (w + h));
                if (Math.Min(w, h) + 2 * grow < 5)
                    continue;
                boxes.Add((new BoundingBox(minX - grow, minY - grow, maxX + 1 + grow, maxY + 1 + grow).ClipTo(width, height), score));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(state);
        }
        return boxes;
    }

    private static float MeanInside(ReadOnlySpan<float> map, int width, int minX, int minY, int maxX, int maxY)
    {
        var sum = 0d;
        for (var y = minY; y <= maxY; y++)
        {
            for (var x = minX; x <= maxX; x++)
                sum += map[y * width + x];
        }
        return (float)(sum / ((maxX - minX + 1) * (maxY - minY + 1)));
    }
}
