using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;

namespace InstaIntel.Intelligence.Embeddings;

/// <summary>
/// 512-d picture vectors from ML.NET's ResNet18 featuriser: the picture stretched to 224×224, RGB planes of 0–255
/// into the package's preprocessing graph, its output into ResNet18, the pooled features L2-normalised. No labels:
/// for near-duplicates and similarity only.
/// </summary>
public sealed class ImageEmbedder
{
    private const int Size = 224;

    private readonly ModelRegistry _registry;

    public ImageEmbedder(ModelRegistry registry) => _registry = registry;

    /// <summary>The version every picture embedding carries.</summary>
    public string Version => _registry.Verified(ModelNames.ImageEmbedder).Version;

    /// <summary>CPU-bound and synchronous: call <see cref="EmbedAsync"/> from actors.</summary>
    public Embedding Embed(RgbaImage image)
    {
        const int plane = Size * Size;
        var pixels = image.Resize(Size, Size).Pixels;
        var input = new float[3 * plane];
        for (var i = 0; i < plane; i++)
        {
            input[i] = pixels[i * 4];
            input[plane + i] = pixels[i * 4 + 1];
            input[2 * plane + i] = pixels[i * 4 + 2];
        }
        long[] shape = [1, 3, Size, Size];
        var prepared = OnnxInvoker.Run(_registry, ModelNames.ImagePreprocess, "OriginalInput", input, shape, "PreprocessedInput")[0];
        var features = OnnxInvoker.Run(_registry, ModelNames.ImageEmbedder, "Input247", prepared.Values, shape, "Pooling395_Output_0")[0];
        return Embedding.Normalise(features.Values, Version);
    }

    public Task<Embedding> EmbedAsync(ReadOnlyMemory<byte> encodedImage, CancellationToken cancellationToken = default) =>
        Task.Run(() => Embed(RgbaImage.Decode(encodedImage.Span)), cancellationToken);
}
