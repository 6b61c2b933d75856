using System.Collections.Immutable;

namespace InstaIntel.Intelligence.Embeddings;

/// <summary>An L2-normalised vector and the version of the model that made it: vectors of different versions never compare.</summary>
public sealed record Embedding
{
    public Embedding(ImmutableArray<float> values, string version)
    {
        if (values.IsDefaultOrEmpty)
            throw new ArgumentException("an embedding needs values", nameof(values));
        Values = values;
        Version = version;
    }

    public ImmutableArray<float> Values { get; }

    public string Version { get; }

    public int Dimensions => Values.Length;

    /// <summary>Scales a raw model output to unit length.</summary>
    public static Embedding Normalise(ReadOnlySpan<float> raw, string version)
    {
        return new Embedding(ImmutableArray.Create(VectorMath.Normalised(raw)), version);
    }

    /// <summary>Cosine similarity in [-1, 1]; throws when the two come from different models.</summary>
    public float CosineSimilarity(Embedding other)
    {
        if (other.Version != Version || other.Dimensions != Dimensions)
            throw new InvalidOperationException($"cannot compare embeddings of {Version} ({Dimensions}) and {other.Version} ({other.Dimensions})");
        return VectorMath.CosineSimilarity(Values.AsSpan(), other.Values.AsSpan());
    }
}
