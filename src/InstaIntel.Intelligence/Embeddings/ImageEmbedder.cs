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
    private static readonly PlanarConversion Planes = new((_, p) => p);
    private static readonly string[] PreprocessInputs = ["OriginalInput"], PreprocessOutputs = ["PreprocessedInput"];
    private static readonly string[] EmbedderInputs = ["Input247"], EmbedderOutputs = ["Pooling395_Output_0"];

    private readonly ModelRegistry _registry;

    public ImageEmbedder(ModelRegistry registry) => _registry = registry;

    /// <summary>The version every picture embedding carries.</summary>
    public string Version => _registry.Verified(ModelNames.ImageEmbedder).Version;

    /// <summary>CPU-bound and synchronous: call <see cref="EmbedAsync"/> from actors.</summary>
    public Embedding Embed(RgbaImage image)
    {
        using var input = new PooledTensor(1, 3, Size, Size);
        Planes.WriteResized(image, image.Whole, Size, Size, input.Span);
        var version = Version;
        using var value = input.ToOrtValue();
        // The preprocessing graph's output goes into ResNet18 as it is: ONNX Runtime's buffer, never copied out.
        return OnnxInvoker.Run(_registry, ModelNames.ImagePreprocess, PreprocessInputs, [value], PreprocessOutputs, prepared =>
            OnnxInvoker.Run(_registry, ModelNames.ImageEmbedder, EmbedderInputs, [prepared[0]], EmbedderOutputs,
                features => Embedding.Normalise(features[0].GetTensorDataAsSpan<float>(), version)));
    }

    public Task<Embedding> EmbedAsync(ReadOnlyMemory<byte> encodedImage, CancellationToken cancellationToken = default) =>
        Task.Run(() => Embed(RgbaImage.Decode(encodedImage.Span)), cancellationToken);
}
