using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;

namespace InstaIntel.Intelligence.Ocr;

/// <summary>PP-OCRv4 recognition: a line crop resized to height 48 (width by aspect), BGR as (p/255 − 0.5)/0.5, CTC-decoded.</summary>
public sealed class TextRecognizer
{
    private const int Height = 48;

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
        var crop = image.Crop(x, y, (int)MathF.Ceiling(box.X2) - x, (int)MathF.Ceiling(box.Y2) - y);
        var width = Math.Clamp((int)MathF.Ceiling(Height * (float)crop.Width / crop.Height), Height / 4, _options.MaxRecognitionWidth);
        var resized = crop.Resize(width, Height);
        var plane = width * Height;
        var input = new float[3 * plane];
        var pixels = resized.Pixels;
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
                input[c * plane + i] = (pixels[i * 4 + 2 - c] / 255f - 0.5f) / 0.5f;
        }
        var output = OnnxInvoker.Run(_registry, ModelNames.OcrRecognizer, "x", input, [1, 3, Height, width], "softmax_11.tmp_0")[0];
        return _decoder.Value.Decode(output.Values, (int)output.Shape[1]);
    }
}
