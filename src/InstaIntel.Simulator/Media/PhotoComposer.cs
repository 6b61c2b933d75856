using System.Collections.Concurrent;
using SkiaSharp;

namespace InstaIntel.Simulator.Media;

/// <summary>Draws a source photo into a frame of the requested size (cover-scaled) with an optional caption band,
/// and encodes it as a JPEG.</summary>
internal sealed class PhotoComposer : IDisposable
{
    private readonly ConcurrentDictionary<string, SKImage> _photos = new(StringComparer.Ordinal);
    private readonly SKTypeface _typeface;

    public PhotoComposer(string fontPath)
    {
        if (!File.Exists(fontPath))
            throw new InvalidOperationException($"Simulator font {fontPath} is missing: run scripts/ensure-test-assets.sh (installs fonts-dejavu-core) or set Simulator:FontPath");
        _typeface = SKTypeface.FromFile(fontPath) ?? throw new InvalidOperationException($"Simulator font {fontPath} could not be read");
    }

    public byte[] Compose(string photoPath, int width, int height, string? overlay)
    {
        var photo = _photos.GetOrAdd(photoPath, Decode);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot allocate a {width}x{height} surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Black);

        var scale = Math.Max((float)width / photo.Width, (float)height / photo.Height);
        var drawnWidth = photo.Width * scale;
        var drawnHeight = photo.Height * scale;
        var destination = SKRect.Create((width - drawnWidth) / 2, (height - drawnHeight) / 2, drawnWidth, drawnHeight);
        canvas.DrawImage(photo, destination, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));

        if (!string.IsNullOrEmpty(overlay))
            DrawCaption(canvas, width, height, overlay);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    // Large dark-banded white text, like a story sticker: easy for OCR and for people to read.
    private void DrawCaption(SKCanvas canvas, int width, int height, string text)
    {
        var size = Math.Max(12f, width / 16f);
        using var font = new SKFont(_typeface, size);
        var textWidth = font.MeasureText(text);
        if (textWidth > width * 0.92f)
        {
            font.Size = size * width * 0.92f / textWidth;
            textWidth = font.MeasureText(text);
        }
        var bandHeight = font.Size * 1.6f;
        var bandTop = height * 0.78f;
        using var band = new SKPaint { Color = new SKColor(0, 0, 0, 150), IsAntialias = true };
        canvas.DrawRoundRect(SKRect.Create((width - textWidth) / 2 - font.Size * 0.4f, bandTop, textWidth + font.Size * 0.8f, bandHeight), font.Size * 0.3f, font.Size * 0.3f, band);
        using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawText(text, width / 2f, bandTop + bandHeight / 2 + font.Size * 0.35f, SKTextAlign.Center, font, ink);
    }

    private static SKImage Decode(string path)
    {
        using var encoded = SKImage.FromEncodedData(path) ?? throw new InvalidOperationException($"cannot decode {path}");
        // A raster copy: decoded once, then drawn concurrently by many requests.
        return encoded.ToRasterImage(ensurePixelData: true);
    }

    public void Dispose()
    {
        foreach (var photo in _photos.Values)
            photo.Dispose();
        _typeface.Dispose();
    }
}
