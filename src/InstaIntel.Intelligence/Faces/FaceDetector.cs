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
    private static readonly PlanarConversion Normalise = new((_, p) => (p - 127f) / 128f);
    private static readonly string[] Outputs = ["scores", "boxes"];

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
        using var input = new PooledTensor(1, 3, InputHeight, InputWidth);
        Normalise.WriteResized(image, image.Whole, InputWidth, InputHeight, input.Span);
        var candidates = OnnxInvoker.Run(_registry, ModelNames.FaceDetector, "input", input, Outputs,
            outputs => Candidates(outputs[0].GetTensorDataAsSpan<float>(), outputs[1].GetTensorDataAsSpan<float>(), image.Width, image.Height));
        return NonMaximumSuppression.Hard(candidates, c => c.Box, c => c.Confidence, _options.NmsIoU, _options.ContainmentLimit);
    }

    private List<FaceDetection> Candidates(ReadOnlySpan<float> scores, ReadOnlySpan<float> boxes, int width, int height)
    {
        var candidates = new List<FaceDetection>();
        for (var i = 0; i < scores.Length / 2; i++)
        {
            var score = scores[i * 2 + 1];
            if (score < _options.ScoreThreshold)
                continue;
            var box = new BoundingBox(boxes[i * 4] * width, boxes[i * 4 + 1] * height,
                boxes[i * 4 + 2] * width, boxes[i * 4 + 3] * height).ClipTo(width, height);
            if (box.Area > 0)
                candidates.Add(new FaceDetection(box, score));
        }
        return candidates;
    }
}
