using InstaIntel.Intelligence.Imaging;
using SkiaSharp;

namespace InstaIntel.Intelligence.Tests.Support;

/// <summary>Turns a picture about its centre (same size, grey where nothing was), as a tilted head in a photo.</summary>
public static class Rotation
{
    public static RgbaImage Rotate(RgbaImage image, float degrees)
    {
        using var source = image.ToBitmap();
        using var rotated = new SKBitmap(image.Width, image.Height);
        using var canvas = new SKCanvas(rotated);
        canvas.Clear(new SKColor(128, 128, 128));
        canvas.RotateDegrees(degrees, image.Width / 2f, image.Height / 2f);
        using var paint = new SKPaint { IsAntialias = true };
        canvas.DrawBitmap(source, 0, 0, paint);
        return RgbaImage.FromBitmap(rotated);
    }
}
