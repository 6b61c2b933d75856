using System.Runtime.InteropServices;
using SkiaSharp;

namespace InstaIntel.Intelligence.Imaging;

/// <summary>
/// A decoded picture as managed RGBA bytes (unpremultiplied, row-major). Immutable once made, so analysers can share
/// it across threads; SkiaSharp only decodes, resizes and encodes.
/// </summary>
public sealed class RgbaImage
{
    private readonly byte[] _pixels;

    public RgbaImage(int width, int height, byte[] rgba)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgba.Length != width * height * 4)
            throw new ArgumentException($"expected {width * height * 4} bytes for {width}x{height} RGBA, got {rgba.Length}", nameof(rgba));
        Width = width;
        Height = height;
        _pixels = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The pixels, 4 bytes each (R, G, B, A).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Decodes JPEG, PNG, WebP, GIF (first frame) or BMP, upright per the EXIF orientation.</summary>
    public static RgbaImage Decode(ReadOnlySpan<byte> encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException("not an image SkiaSharp can decode");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new InvalidDataException($"image decoding failed: {result}");
        using var upright = Orient(decoded, codec.EncodedOrigin);
        return FromBitmap(upright ?? decoded);
    }

    public static async Task<RgbaImage> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        Decode(await File.ReadAllBytesAsync(path, cancellationToken));

    /// <summary>Copies a bitmap of any colour type.</summary>
    public static RgbaImage FromBitmap(SKBitmap bitmap)
    {
        var info = new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        var pinned = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            using var source = bitmap.PeekPixels();
            if (source is null || !source.ReadPixels(info, pinned.AddrOfPinnedObject(), info.RowBytes, 0, 0))
                throw new InvalidOperationException("could not read the bitmap's pixels");
        }
        finally
        {
            pinned.Free();
        }
        return new RgbaImage(bitmap.Width, bitmap.Height, pixels);
    }

    /// <summary>Stretches to exactly <paramref name="width"/>×<paramref name="height"/> (linear filter with mipmaps, so big reductions do not alias).</summary>
    public RgbaImage Resize(int width, int height)
    {
        if (width == Width && height == Height)
            return this;
        using var source = ToBitmap();
        using var resized = source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new InvalidOperationException($"resizing to {width}x{height} failed");
        return FromBitmap(resized);
    }

    /// <summary>The pixels inside a rectangle, clipped to the picture.</summary>
    public RgbaImage Crop(int x, int y, int width, int height)
    {
        var x0 = Math.Clamp(x, 0, Width - 1);
        var y0 = Math.Clamp(y, 0, Height - 1);
        var w = Math.Clamp(x + width, x0 + 1, Width) - x0;
        var h = Math.Clamp(y + height, y0 + 1, Height) - y0;
        var pixels = new byte[w * h * 4];
        for (var row = 0; row < h; row++)
            _pixels.AsSpan(((y0 + row) * Width + x0) * 4, w * 4).CopyTo(pixels.AsSpan(row * w * 4));
        return new RgbaImage(w, h, pixels);
    }

    /// <summary>Encodes as JPEG (for frames and tests).</summary>
    public byte[] EncodeJpeg(int quality = 90)
    {
        using var bitmap = ToBitmap();
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality)
            ?? throw new InvalidOperationException("JPEG encoding failed");
        return data.ToArray();
    }

    /// <summary>A copy as an SKBitmap; the caller disposes it.</summary>
    public SKBitmap ToBitmap()
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Marshal.Copy(_pixels, 0, bitmap.GetPixels(), _pixels.Length);
        return bitmap;
    }

    /// <summary>One channel (0 R, 1 G, 2 B) sampled bilinearly at a sub-pixel position; outside the picture is black.</summary>
    public float Sample(float x, float y, int channel)
    {
        var x0 = (int)MathF.Floor(x);
        var y0 = (int)MathF.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        var top = Lerp(At(x0, y0, channel), At(x0 + 1, y0, channel), fx);
        var bottom = Lerp(At(x0, y0 + 1, channel), At(x0 + 1, y0 + 1, channel), fx);
        return Lerp(top, bottom, fy);
    }

    private float At(int x, int y, int channel) =>
        (uint)x < (uint)Width && (uint)y < (uint)Height ? _pixels[(y * Width + x) * 4 + channel] : 0f;

    private static float Lerp(float a, float b, float t) => a + (b - a) * t;

    // Phones store portrait photos sideways with an EXIF orientation; analysers need them upright.
    private static SKBitmap? Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
            return null;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        var rotated = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(rotated);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1, w / 2f, 0); break;
            case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180, w / 2f, h / 2f); break;
            case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1, 0, h / 2f); break;
            case SKEncodedOrigin.LeftTop: canvas.Translate(w, 0); canvas.RotateDegrees(90); canvas.Scale(1, -1, 0, bitmap.Height / 2f); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(w, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(0, h); canvas.RotateDegrees(270); canvas.Scale(1, -1, 0, bitmap.Height / 2f); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, h); canvas.RotateDegrees(270); break;
        }
        canvas.DrawBitmap(bitmap, 0, 0);
        return rotated;
    }
}
