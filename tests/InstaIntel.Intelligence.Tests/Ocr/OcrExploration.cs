using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Ocr;
using InstaIntel.Intelligence.Tests.Support;
using Xunit.Abstractions;

namespace InstaIntel.Intelligence.Tests.Ocr;

[Collection(ModelsCollection.Name)]
public sealed class OcrExploration(ModelsFixture models, ITestOutputHelper output)
{
    [Fact]
    public async Task Explore()
    {
        var engine = new OcrEngine(models.Registry);
        var picture = TextPictures.Lines(["#sunset2026 at the beach", "follow @ada.lovelace", "https://example.com/shop", "only $19.99 today"]);
        File.WriteAllBytes("/tmp/intel-explore/ocr-lines.jpg", picture.EncodeJpeg());
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var result = engine.Read(picture);
        output.WriteLine($"lines in {sw.ElapsedMilliseconds} ms");
        foreach (var l in result.Lines) output.WriteLine($"  '{l.Text}' {l.Box} {l.Confidence:0.000}");
        sw.Restart();
        result = engine.Read(picture);
        output.WriteLine($"lines again in {sw.ElapsedMilliseconds} ms");

        var photo = await RgbaImage.LoadAsync(TestAssets.BaldGuys);
        var captioned = TextPictures.Caption(photo, "#friends @weekend.club", 3000, 22);
        File.WriteAllBytes("/tmp/intel-explore/ocr-caption.jpg", captioned.EncodeJpeg());
        sw.Restart();
        result = engine.Read(captioned);
        output.WriteLine($"caption {captioned.Width}x{captioned.Height} in {sw.ElapsedMilliseconds} ms");
        foreach (var l in result.Lines) output.WriteLine($"  '{l.Text}' {l.Box} {l.Confidence:0.000}");
    }
}
