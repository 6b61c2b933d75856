using System.Buffers;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;

namespace InstaIntel.Intelligence.Faces;

/// <summary>512-d identity vectors from aligned 112×112 faces (RGB as (p-127)/128), L2-normalised.</summary>
public sealed class FaceEmbedder
{
    private const int Pixels = FaceAligner.Size * FaceAligner.Size;
    private static readonly PlanarConversion Normalise = new((_, p) => (p - 127f) / 128f);
    private static readonly string[] Outputs = ["output"];

    private readonly ModelRegistry _registry;

    public FaceEmbedder(ModelRegistry registry) => _registry = registry;

    /// <summary>The version every face embedding carries: the model's name and the start of its sha256.</summary>
    public string Version => _registry.Verified(ModelNames.FaceEmbedder).Version;

    public Embedding Embed(RgbaImage alignedFace)
    {
        if (alignedFace.Width != FaceAligner.Size || alignedFace.Height != FaceAligner.Size)
            throw new ArgumentException($"expected an aligned {FaceAligner.Size}x{FaceAligner.Size} face", nameof(alignedFace));
        return Embed(alignedFace.Pixels);
    }

    /// <summary>Aligns the face of <paramref name="image"/> into a pooled buffer and embeds it: <c>Embed(FaceAligner.Align(image, fivePoints))</c>.</summary>
    internal Embedding Embed(RgbaImage image, IReadOnlyList<PointF2> fivePoints)
    {
        var aligned = ArrayPool<byte>.Shared.Rent(Pixels * 4);
        try
        {
            FaceAligner.AlignInto(image, fivePoints, aligned);
            return Embed(aligned.AsSpan(0, Pixels * 4));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(aligned);
        }
    }

    private Embedding Embed(ReadOnlySpan<byte> alignedPixels)
    {
        using var input = new PooledTensor(1, 3, FaceAligner.Size, FaceAligner.Size);
        Normalise.Write(alignedPixels, input.Span);
        var version = Version;
        return OnnxInvoker.Run(_registry, ModelNames.FaceEmbedder, "input", input, Outputs,
            outputs => Embedding.Normalise(outputs[0].GetTensorDataAsSpan<float>(), version));
    }
}
