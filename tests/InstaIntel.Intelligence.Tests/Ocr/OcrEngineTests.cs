using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Ocr;
using InstaIntel.Intelligence.Tests.Support;

namespace InstaIntel.Intelligence.Tests.Ocr;

[Collection(ModelsCollection.Name)]
public sealed class OcrEngineTests(ModelsFixture models)
{
    private readonly OcrEngine _engine = new(models.Registry);

    [Theory]
    [InlineData(20f)]
    [InlineData(26f)]
    [InlineData(40f)]
    [InlineData(64f)]
    public void Rendered_lines_are_read_exactly_top_to_bottom(float fontSize)
    {
        string[] lines = ["#sunset2026 at the beach", "follow @ada.lovelace", "https://example.com/shop", "only $19.99 today", "#tbt @grace_hopper 100%"];
        var picture = TextPictures.Lines(lines, fontSize, width: (int)(fontSize * 18));

        var result = _engine.Read(picture);

        Assert.Equal(lines, result.Lines.Select(l => l.Text));
        Assert.Equal(string.Join('\n', lines), result.Text);
        Assert.All(result.Lines, l => Assert.InRange(l.Confidence, _engine.Options.MinLineConfidence, 1f));
        Assert.Equal(result.Lines.OrderBy(l => l.Box.Y1), result.Lines);
        Assert.All(result.Lines, l => Assert.InRange(l.Box.Height, fontSize * 0.6f, fontSize * 2.5f));
    }

    [Fact]
    public async Task Lines_come_through_the_async_entry_point_from_encoded_bytes()
    {
        var jpeg = TextPictures.Lines(["@ada.lovelace"], 32).EncodeJpeg(85);

        var result = await _engine.ReadAsync(jpeg);

        Assert.Equal("@ada.lovelace", Assert.Single(result.Lines).Text);
    }

    [Fact]
    public async Task A_small_caption_on_a_large_photo_is_read_thanks_to_tiles()
    {
        const string caption = "#friends @weekend.club";
        var photo = TextPictures.Caption(await RgbaImage.LoadAsync(TestAssets.BaldGuys), caption, width: 3000, fontSize: 14);

        var tiled = _engine.Read(photo);
        var untiled = new OcrEngine(models.Registry, _engine.Options with { EnableTiling = false }).Read(photo);

        var line = Assert.Single(tiled.Lines, l => l.Text == caption);
        Assert.InRange(line.Box.CenterY, photo.Height * 0.8f, photo.Height);
        // Shrunk to 960 px the caption is under 5 px high: without tiles it is lost, which is what tiling is for.
        Assert.DoesNotContain(untiled.Lines, l => l.Text == caption);
    }

    [Fact]
    public void A_picture_without_text_reads_nothing()
    {
        var blank = TextPictures.Lines([], 32);

        Assert.Empty(_engine.Read(blank).Lines);
    }

    [Fact]
    public void Tiles_cover_the_picture_and_overlap()
    {
        var tiles = _engine.Tiles(3000, 2333).ToList();

        Assert.All(tiles, t => Assert.True(t.Width <= _engine.Options.TileSize && t.Height <= _engine.Options.TileSize));
        foreach (var (x, y) in new[] { (0, 0), (2999, 2332), (1500, 1166), (959, 959), (2999, 0) })
            Assert.Contains(tiles, t => x >= t.X && x < t.X + t.Width && y >= t.Y && y < t.Y + t.Height);
        var first = tiles[0];
        var right = tiles.First(t => t.Y == 0 && t.X > 0);
        Assert.True(first.X + first.Width - right.X >= _engine.Options.TileSize * _engine.Options.TileOverlap * 0.99f);
        Assert.Single(_engine.Tiles(900, 700));
    }
}
