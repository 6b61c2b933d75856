using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;

namespace InstaIntel.Intelligence.Ocr;

/// <summary>PP-OCRv4 recognition: a line crop resized to height 48 (width by aspect), BGR as (p/255 − 0.5)/0.5, CTC-decoded.</summary>
public sealed class TextRecognizer
{
    private const int Height = 48;
    private static readonly PlanarConversion Normalise = new((_, p) => (p / 255f - 0.5f) / 0.5f, bgr: true);
    private static readonly string[] Outputs = ["softmax_11.tmp_0"];

    private readonly ModelRegistry _registry;
    private readonly OcrOptions _options;
    private readonly Lazy<CtcDecoder> _decoder;

    public TextRecognizer(ModelRegistry registry, OcrOptions options)
    {
        _registry = registry;
        _options = options;
        _decoder = new Lazy<CtcDecoder>(() => CtcDecoder.FromFile(registry.Verified(ModelNames.OcrDictionary).Path));
    }

    public (string Text, float Confidence) Recognise(RgbaImage image, BoundingBox box)
    {
        var margin = box.Height * _options.RecognitionPadding;
        box = new BoundingBox(box.X1 - margin, box.Y1 - margin, box.X2 + margin, box.Y2 + margin).ClipTo(image.Width, image.Height);
        var x = (int)MathF.Floor(box.X1);
        var y = (int)MathF.Floor(box.Y1);
        var crop = image.Clip(x, y, (int)MathF.Ceiling(box.X2) - x, (int)MathF.Ceiling(box.Y2) - y);
        var width = Math.Clamp((int)MathF.Ceiling(Height * (float)crop.Width / crop.Height), Height / 4, _options.MaxRecognitionWidth);
        using var input = new PooledTensor(1, 3, Height, width);
        Normalise.WriteResized(image, crop, width, Height, input.Span);
        var decoder = _decoder.Value;
        // [1, steps, classes] probabilities, decoded where ONNX Runtime wrote them (a long line's are megabytes).
        return OnnxInvoker.Run(_registry, ModelNames.OcrRecognizer, "x", input, Outputs,
            outputs => decoder.Decode(outputs[0].GetTensorDataAsSpan<float>(), (int)outputs[0].GetTensorTypeAndShape().Shape[1]));
    }
}
