using InstaIntel.Intelligence.Imaging;
using SkiaSharp;

namespace InstaIntel.Intelligence.Tests.Support;

/// <summary>Pictures with text drawn by SkiaSharp in a Debian DejaVu font, for OCR tests.</summary>
public static class TextPictures
{
    /// <summary>Dark lines on a light background, one under the other.</summary>
    public static RgbaImage Lines(IReadOnlyList<string> lines, float fontSize = 32, int width = 900)
    {
        using var typeface = SKTypeface.FromFile(TestAssets.Font());
        using var font = new SKFont(typeface, fontSize);
        var lineHeight = (int)(fontSize * 2);
        using var bitmap = new SKBitmap(width, lineHeight * lines.Count + lineHeight);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(250, 248, 240));
        using var paint = new SKPaint { Color = new SKColor(20, 20, 30), IsAntialias = true };
        for (var i = 0; i < lines.Count; i++)
            canvas.DrawText(lines[i], fontSize, lineHeight * (i + 1), SKTextAlign.Left, font, paint);
        return RgbaImage.FromBitmap(bitmap);
    }

    /// <summary>A photo scaled to <paramref name="width"/> with a caption in a translucent band near the bottom.</summary>
    public static RgbaImage Caption(RgbaImage photo, string caption, int width, float fontSize)
    {
        var height = (int)((long)photo.Height * width / photo.Width);
        using var bitmap = photo.Resize(width, height).ToBitmap();
        using var canvas = new SKCanvas(bitmap);
        using var typeface = SKTypeface.FromFile(TestAssets.Font("DejaVuSans-Bold.ttf"));
        using var font = new SKFont(typeface, fontSize);
        var textWidth = font.MeasureText(caption);
        var x = (width - textWidth) / 2;
        var y = height - fontSize * 4;
        using var band = new SKPaint { Color = new SKColor(0, 0, 0, 150) };
        canvas.DrawRect(x - fontSize, y - fontSize * 1.3f, textWidth + 2 * fontSize, fontSize * 1.9f, band);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawText(caption, x, y, SKTextAlign.Left, font, paint);
        return RgbaImage.FromBitmap(bitmap);
    }
}
