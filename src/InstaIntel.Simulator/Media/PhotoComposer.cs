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

    /// <param name="framed">Draw the photo whole in the middle of a plain backdrop (portraits: the face stays whole, at a
    /// size face detectors expect, and is the only face) instead of cover-scaling it to the edges.</param>
    public byte[] Compose(string photoPath, int width, int height, string? overlay, bool framed)
    {
        var photo = _photos.GetOrAdd(photoPath, Decode);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot allocate a {width}x{height} surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Black);

        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None);
        var cover = Math.Max((float)width / photo.Width, (float)height / photo.Height);
        if (framed)
        {
            canvas.Clear(Backdrops[(int)((uint)StableHash(photoPath) % Backdrops.Length)]);
            var fit = Math.Min(width, height) * 0.6f / Math.Max(photo.Width, photo.Height);
            canvas.DrawImage(photo, Centered(photo, fit, width / 2f, height * 0.42f), sampling);
        }
        else
        {
            canvas.DrawImage(photo, Centered(photo, cover, width / 2f, height / 2f), sampling);
        }

        if (!string.IsNullOrEmpty(overlay))
            DrawCaption(canvas, width, height, overlay);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static readonly SKColor[] Backdrops =
    [
        new(0xE8, 0xD5, 0xB7), new(0xB8, 0xD8, 0xD8), new(0xD6, 0xC6, 0xE1), new(0xC9, 0xE4, 0xC5), new(0xF2, 0xC6, 0xC2), new(0x3D, 0x40, 0x5B),
    ];

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
            hash = unchecked(hash * 31 + c);
        return hash;
    }

    private static SKRect Centered(SKImage photo, float scale, float centreX, float centreY) =>
        SKRect.Create(centreX - photo.Width * scale / 2, centreY - photo.Height * scale / 2, photo.Width * scale, photo.Height * scale);

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
