using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;

namespace InstaIntel.Intelligence.Faces;

/// <summary>512-d identity vectors from aligned 112×112 faces (RGB as (p-127)/128), L2-normalised.</summary>
public sealed class FaceEmbedder
{
    private readonly ModelRegistry _registry;

    public FaceEmbedder(ModelRegistry registry) => _registry = registry;

    /// <summary>The version every face embedding carries: the model's name and the start of its sha256.</summary>
    public string Version => _registry.Verified(ModelNames.FaceEmbedder).Version;

    public Embedding Embed(RgbaImage alignedFace)
    {
        if (alignedFace.Width != FaceAligner.Size || alignedFace.Height != FaceAligner.Size)
            throw new ArgumentException($"expected an aligned {FaceAligner.Size}x{FaceAligner.Size} face", nameof(alignedFace));
        const int plane = FaceAligner.Size * FaceAligner.Size;
        var input = new float[3 * plane];
        var pixels = alignedFace.Pixels;
        for (var i = 0; i < plane; i++)
        {
            input[i] = (pixels[i * 4] - 127f) / 128f;
            input[plane + i] = (pixels[i * 4 + 1] - 127f) / 128f;
            input[2 * plane + i] = (pixels[i * 4 + 2] - 127f) / 128f;
        }
        var output = OnnxInvoker.Run(_registry, ModelNames.FaceEmbedder, "input", input, [1, 3, FaceAligner.Size, FaceAligner.Size], "output")[0];
        return Embedding.Normalise(output.Values, Version);
    }
}
