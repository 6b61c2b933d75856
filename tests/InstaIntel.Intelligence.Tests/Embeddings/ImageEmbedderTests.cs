using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Tests.Support;

namespace InstaIntel.Intelligence.Tests.Embeddings;

[Collection(ModelsCollection.Name)]
public sealed class ImageEmbedderTests(ModelsFixture models)
{
    private readonly ImageEmbedder _embedder = new(models.Registry);

    private static IEnumerable<string> Photos() =>
    [
        TestAssets.BaldGuys,
        TestAssets.Photo("faces", "2008_001322.jpg"),
        TestAssets.Photo("faces", "2008_002506.jpg"),
        .. TestAssets.Negatives(),
    ];

    [Fact]
    public async Task A_photo_and_its_resized_recompressed_copy_are_near_duplicates()
    {
        foreach (var file in Photos())
        {
            var photo = await RgbaImage.LoadAsync(file);
            var copy = RgbaImage.Decode(photo.Resize(photo.Width * 2 / 3, photo.Height * 2 / 3).EncodeJpeg(60));

            var similarity = _embedder.Embed(photo).CosineSimilarity(_embedder.Embed(copy));

            Assert.True(similarity >= NearDuplicates.DefaultThreshold, $"{Path.GetFileName(file)}: copy scored {similarity:0.000}");
        }
    }

    [Fact]
    public async Task Different_photos_are_not_near_duplicates()
    {
        var embeddings = new List<(string File, Embedding Embedding)>();
        foreach (var file in Photos())
            embeddings.Add((Path.GetFileName(file), await _embedder.EmbedAsync(await File.ReadAllBytesAsync(file))));

        foreach (var a in embeddings)
        {
            foreach (var b in embeddings.Where(b => b.File != a.File))
                Assert.False(NearDuplicates.AreNearDuplicates(a.Embedding, b.Embedding), $"{a.File} and {b.File}: {a.Embedding.CosineSimilarity(b.Embedding):0.000}");
        }
    }

    [Fact]
    public async Task Picture_embeddings_are_512_unit_values_with_the_model_version()
    {
        var embedding = _embedder.Embed(await RgbaImage.LoadAsync(TestAssets.BaldGuys));

        Assert.Equal(512, embedding.Dimensions);
        Assert.Equal(1f, VectorMath.Norm(embedding.Values.AsSpan()), 3);
        Assert.Equal(models.Registry.Verified("image-embedder").Version, embedding.Version);
    }
}
