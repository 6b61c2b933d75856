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

    private readonly ModelRegistry _registry;
    private readonly OcrOptions _options;

    public TextDetector(ModelRegistry registry, OcrOptions options)
    {
        _registry = registry;
        _options = options;
    }

    /// <summary>Text boxes in pixels of <paramref name="image"/>, which is shrunk so its long side is at most <paramref name="maxSide"/>.</summary>
    public IReadOnlyList<(BoundingBox Box, float Score)> Detect(RgbaImage image, int maxSide)
    {
        var scale = Math.Min(1f, (float)maxSide / Math.Max(image.Width, image.Height));
        var width = RoundTo32(image.Width * scale);
        var height = RoundTo32(image.Height * scale);
        var input = ToInput(image.Resize(width, height));
        var map = OnnxInvoker.Run(_registry, ModelNames.OcrDetector, "x", input, [1, 3, height, width], "sigmoid_0.tmp_0")[0].Values;
        var sx = (float)image.Width / width;
        var sy = (float)image.Height / height;
        return Boxes(map, width, height)
            .Select(b => (b.Box.Scale(sx, sy).ClipTo(image.Width, image.Height), b.Score))
            .ToList();
    }

    private static int RoundTo32(float side) => Math.Max(32, (int)MathF.Round(side / 32f) * 32);

    private static float[] ToInput(RgbaImage resized)
    {
        var plane = resized.Width * resized.Height;
        var input = new float[3 * plane];
        var pixels = resized.Pixels;
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                // Plane c is BGR channel c; RGBA offset 2 - c.
                input[c * plane + i] = (pixels[i * 4 + 2 - c] / 255f - Mean[c]) / Std[c];
            }
        }
        return input;
    }

    private IEnumerable<(BoundingBox Box, float Score)> Boxes(float[] map, int width, int height)
    {
        var text = new bool[map.Length];
        for (var i = 0; i < map.Length; i++)
            text[i] = map[i] > _options.BinarizeThreshold;
        var seen = new bool[map.Length];
        var stack = new Stack<int>();
        for (var start = 0; start < map.Length; start++)
        {
            if (!text[start] || seen[start])
                continue;
            // One 8-connected region: its bounding rectangle.
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
            stack.Push(start);
            seen[start] = true;
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
                        if (text[q] && !seen[q])
                        {
                            seen[q] = true;
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
            yield return (new BoundingBox(minX - grow, minY - grow, maxX + 1 + grow, maxY + 1 + grow).ClipTo(width, height), score);
        }
    }

    private static float MeanInside(float[] map, int width, int minX, int minY, int maxX, int maxY)
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
