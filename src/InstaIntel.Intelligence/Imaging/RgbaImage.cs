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
        if (codec.EncodedOrigin == SKEncodedOrigin.TopLeft)
        {
            // Upright already: decoded straight into the managed pixels, with no native bitmap to copy from.
            // Uninitialised is safe: the codec fills the rows of an incomplete input itself.
            var pixels = GC.AllocateUninitializedArray<byte>(info.BytesSize);
            unsafe
            {
                fixed (byte* target = pixels)
                    Check(codec.GetPixels(info, (IntPtr)target));
            }
            return new RgbaImage(info.Width, info.Height, pixels);
        }
        using var decoded = new SKBitmap(info);
        Check(codec.GetPixels(info, decoded.GetPixels()));
        using var upright = Orient(decoded, codec.EncodedOrigin);
        return FromBitmap(upright ?? decoded);

        static void Check(SKCodecResult result)
        {
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
                throw new InvalidDataException($"image decoding failed: {result}");
        }
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
        var pixels = new byte[width * height * 4];
        ResizeInto(Whole, width, height, pixels);
        return new RgbaImage(width, height, pixels);
    }

    /// <summary>The pixels inside a rectangle, clipped to the picture.</summary>
    public RgbaImage Crop(int x, int y, int width, int height)
    {
        var region = Clip(x, y, width, height);
        var pixels = new byte[region.Width * region.Height * 4];
        CopyRegion(region, pixels);
        return new RgbaImage(region.Width, region.Height, pixels);
    }

    /// <summary>The whole picture as a region.</summary>
    internal PixelRegion Whole => new(0, 0, Width, Height);

    /// <summary>The rectangle <see cref="Crop"/> would take: clipped to the picture, at least one pixel.</summary>
    internal PixelRegion Clip(int x, int y, int width, int height)
    {
        var x0 = Math.Clamp(x, 0, Width - 1);
        var y0 = Math.Clamp(y, 0, Height - 1);
        var w = Math.Clamp(x + width, x0 + 1, Width) - x0;
        var h = Math.Clamp(y + height, y0 + 1, Height) - y0;
        return new PixelRegion(x0, y0, w, h);
    }

    /// <summary>
    /// Writes <c>Crop(region).Resize(width, height)</c> into <paramref name="destination"/> (RGBA, width × height × 4)
    /// without the intermediate copies: SkiaSharp reads the region in place and writes into the caller's (pooled) buffer.
    /// </summary>
    internal void ResizeInto(PixelRegion region, int width, int height, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, width * height * 4, nameof(destination));
        if (width == region.Width && height == region.Height)
        {
            CopyRegion(region, destination);
            return;
        }
        unsafe
        {
            fixed (byte* source = _pixels)
            fixed (byte* target = destination)
            {
                using var from = new SKPixmap(new SKImageInfo(region.Width, region.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul),
                    (IntPtr)(source + ((long)region.Y * Width + region.X) * 4), Width * 4);
                using var to = new SKPixmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), (IntPtr)target, width * 4);
                if (!from.ScalePixels(to, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)))
                    throw new InvalidOperationException($"resizing to {width}x{height} failed");
            }
        }
    }

    private void CopyRegion(PixelRegion region, Span<byte> destination)
    {
        var row = region.Width * 4;
        for (var y = 0; y < region.Height; y++)
            _pixels.AsSpan(((region.Y + y) * Width + region.X) * 4, row).CopyTo(destination.Slice(y * row, row));
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

    /// <summary>The three channels of <see cref="Sample"/> at once (the same arithmetic, the neighbours found once).</summary>
    internal (float R, float G, float B) SampleRgb(float x, float y)
    {
        var x0 = (int)MathF.Floor(x);
        var y0 = (int)MathF.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        int a = Offset(x0, y0), b = Offset(x0 + 1, y0), c = Offset(x0, y0 + 1), d = Offset(x0 + 1, y0 + 1);
        return (Channel(0), Channel(1), Channel(2));

        float Channel(int k) => Lerp(Lerp(Value(a, k), Value(b, k), fx), Lerp(Value(c, k), Value(d, k), fx), fy);
    }

    private float At(int x, int y, int channel) =>
        (uint)x < (uint)Width && (uint)y < (uint)Height ? _pixels[(y * Width + x) * 4 + channel] : 0f;

    // Offset of a pixel, or -1 outside the picture (black).
    private int Offset(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height ? (y * Width + x) * 4 : -1;

    private float Value(int offset, int channel) => offset < 0 ? 0f : _pixels[offset + channel];

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
