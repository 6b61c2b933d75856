using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Tests.Support;

namespace InstaIntel.Intelligence.Tests.Faces;

[Collection(ModelsCollection.Name)]
public sealed class FaceAnalyserTests(ModelsFixture models)
{
    private readonly FaceAnalyser _analyser = new(models.Registry);

    [Fact]
    public async Task Every_face_of_bald_guys_is_found_once_with_an_embedding()
    {
        var image = await RgbaImage.LoadAsync(TestAssets.BaldGuys);

        var faces = _analyser.Analyse(image);

        Assert.Equal(24, faces.Count);
        Assert.All(faces, f =>
        {
            Assert.InRange(f.Confidence, _analyser.Options.Detector.ScoreThreshold, 1f);
            Assert.InRange(f.Box.X1, 0, image.Width);
            Assert.InRange(f.Box.X2, f.Box.X1 + 20, image.Width);
            Assert.InRange(f.Box.Y2, f.Box.Y1 + 20, image.Height);
            Assert.NotNull(f.Embedding);
            Assert.Equal(512, f.Embedding!.Dimensions);
            Assert.Equal(1f, MathF.Sqrt(f.Embedding.Values.Sum(v => v * v)), 3);
            Assert.Equal(_analyser.EmbeddingVersion, f.EmbeddingVersion);
            Assert.All(f.FivePoints, p => Assert.True(p.X >= f.Box.X1 - 5 && p.X <= f.Box.X2 + 5 && p.Y >= f.Box.Y1 - 5 && p.Y <= f.Box.Y2 + 5, $"{p} outside {f.Box}"));
        });
        Assert.All(faces, a => Assert.All(faces.Where(b => b != a), b => Assert.True(a.Box.IoU(b.Box) <= 0.35f)));
    }

    [Fact]
    public async Task Faces_come_through_the_async_entry_point_from_encoded_bytes()
    {
        var faces = await _analyser.AnalyseAsync(await File.ReadAllBytesAsync(TestAssets.BaldGuys));

        Assert.Equal(24, faces.Count);
    }

    [Fact]
    public async Task No_face_is_found_on_dogs_or_cars()
    {
        var negatives = TestAssets.Negatives();
        Assert.Equal(3, negatives.Count);

        foreach (var photo in negatives)
            Assert.True(_analyser.Analyse(await RgbaImage.LoadAsync(photo)).Count == 0, $"a face was found on {Path.GetFileName(photo)}");
    }

    [Fact]
    public async Task A_close_up_yields_one_face_not_its_eyes()
    {
        // In tight 150x150 crops UltraFace also scores an eye above 0.8; containment suppression keeps the face only.
        var closeUps = TestAssets.Johns().Where(j => j.Person == "John_Salley").ToList();

        foreach (var (_, file) in closeUps)
        {
            var face = Assert.Single(_analyser.Analyse(await RgbaImage.LoadAsync(file)));
            Assert.True(face.Box.Width > 90, $"{Path.GetFileName(file)}: {face.Box} is not the whole face");
        }
    }

    [Theory]
    [InlineData(0, -25f)]
    [InlineData(5, 20f)]
    [InlineData(11, 30f)]
    public async Task A_tilted_face_is_still_most_similar_to_itself(int index, float degrees)
    {
        var image = await RgbaImage.LoadAsync(TestAssets.BaldGuys);
        var faces = _analyser.Analyse(image);
        var face = faces[index];
        var margin = (int)face.Box.Width;
        var around = image.Crop((int)face.Box.X1 - margin, (int)face.Box.Y1 - margin, (int)face.Box.Width + 2 * margin, (int)face.Box.Height + 2 * margin);

        var tilted = _analyser.Analyse(Rotation.Rotate(around, degrees)).First();

        // Alignment turns the head upright again: the tilted face is nearest to itself among all 24.
        var similarities = faces.Select(f => f.Embedding!.CosineSimilarity(tilted.Embedding!)).ToList();
        Assert.Equal(index, similarities.IndexOf(similarities.Max()));
        Assert.True(similarities[index] > 0.6f, $"similarity to itself {similarities[index]:0.000}");
    }

    [Fact]
    public void Options_out_of_range_are_rejected()
    {
        Assert.Throws<InvalidOperationException>(() => new FaceAnalyser(models.Registry, new FaceAnalyserOptions { Detector = new FaceDetectorOptions { ScoreThreshold = 1.5f } }));
        Assert.Throws<InvalidOperationException>(() => new FaceAnalyser(models.Registry, new FaceAnalyserOptions { MinFaceSizeForEmbedding = 0 }));
    }
}
