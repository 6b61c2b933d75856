using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Imaging;
using SkiaSharp;

namespace InstaIntel.Intelligence.Tests.Faces;

public sealed class FaceAlignerTests
{
    private static readonly SKColor[] Colours = [SKColors.Red, SKColors.Lime, SKColors.Blue, SKColors.Yellow, SKColors.Magenta];

    [Fact]
    public void The_five_points_land_on_the_template()
    {
        // Five coloured dots where a tilted, enlarged, shifted face would have its eyes, nose and mouth corners.
        var placed = new SimilarityTransform(2.5 * Math.Cos(0.5), 2.5 * Math.Sin(0.5), 180, 40);
        var points = FaceAligner.Template.Select(placed.Apply).ToList();
        using var bitmap = new SKBitmap(500, 500);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            for (var i = 0; i < 5; i++)
            {
                using var paint = new SKPaint { Color = Colours[i] };
                canvas.DrawCircle(points[i].X, points[i].Y, 9, paint);
            }
        }

        var aligned = FaceAligner.Align(RgbaImage.FromBitmap(bitmap), points);

        Assert.Equal((FaceAligner.Size, FaceAligner.Size), (aligned.Width, aligned.Height));
        for (var i = 0; i < 5; i++)
        {
            var at = FaceAligner.Template[i];
            var pixel = (R: aligned.Sample(at.X, at.Y, 0), G: aligned.Sample(at.X, at.Y, 1), B: aligned.Sample(at.X, at.Y, 2));
            Assert.Equal(Colours[i].Red, pixel.R, 10f);
            Assert.Equal(Colours[i].Green, pixel.G, 10f);
            Assert.Equal(Colours[i].Blue, pixel.B, 10f);
        }
        // Between the eyes there is no dot.
        Assert.Equal(0f, aligned.Sample(56, 51, 0) + aligned.Sample(56, 51, 1) + aligned.Sample(56, 51, 2), 1f);
    }
}
