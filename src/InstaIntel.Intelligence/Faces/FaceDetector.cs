using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;

namespace InstaIntel.Intelligence.Faces;

/// <summary>
/// UltraFace RFB-320: the picture stretched to 320×240, RGB as (p-127)/128; the model's boxes come decoded
/// (corners in 0..1), so post-processing is a score threshold and hard NMS.
/// </summary>
public sealed class FaceDetector
{
    private const int InputWidth = 320;
    private const int InputHeight = 240;

    private readonly ModelRegistry _registry;
    private readonly FaceDetectorOptions _options;

    public FaceDetector(ModelRegistry registry, FaceDetectorOptions? options = null)
    {
        _options = options ?? new FaceDetectorOptions();
        _options.Validate();
        _registry = registry;
    }

    public FaceDetectorOptions Options => _options;

    /// <summary>Faces sorted by confidence, best first.</summary>
    public IReadOnlyList<FaceDetection> Detect(RgbaImage image)
    {
        var input = ToInput(image.Resize(InputWidth, InputHeight));
        var outputs = OnnxInvoker.Run(_registry, ModelNames.FaceDetector, "input", input, [1, 3, InputHeight, InputWidth], "scores", "boxes");
        var scores = outputs[0].Values;
        var boxes = outputs[1].Values;

        var candidates = new List<FaceDetection>();
        for (var i = 0; i < scores.Length / 2; i++)
        {
            var score = scores[i * 2 + 1];
            if (score < _options.ScoreThreshold)
                continue;
            var box = new BoundingBox(boxes[i * 4] * image.Width, boxes[i * 4 + 1] * image.Height,
                boxes[i * 4 + 2] * image.Width, boxes[i * 4 + 3] * image.Height).ClipTo(image.Width, image.Height);
            if (box.Area > 0)
                candidates.Add(new FaceDetection(box, score));
        }
        return NonMaximumSuppression.Hard(candidates, c => c.Box, c => c.Confidence, _options.NmsIoU, _options.ContainmentLimit);
    }

    private static float[] ToInput(RgbaImage resized)
    {
        var plane = InputWidth * InputHeight;
        var input = new float[3 * plane];
        var pixels = resized.Pixels;
        for (var i = 0; i < plane; i++)
        {
            input[i] = (pixels[i * 4] - 127f) / 128f;
            input[plane + i] = (pixels[i * 4 + 1] - 127f) / 128f;
            input[2 * plane + i] = (pixels[i * 4 + 2] - 127f) / 128f;
        }
        return input;
    }
}
