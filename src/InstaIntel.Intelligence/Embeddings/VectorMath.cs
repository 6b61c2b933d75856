namespace InstaIntel.Intelligence.Embeddings;

/// <summary>The few vector operations the analysers need (512 floats at most, so plain loops are fast enough).</summary>
public static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"vectors of {a.Length} and {b.Length} values");
        var sum = 0d;
        for (var i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return (float)sum;
    }

    public static float Norm(ReadOnlySpan<float> a) => MathF.Sqrt(Dot(a, a));

    public static float CosineSimilarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var denominator = Norm(a) * Norm(b);
        return denominator == 0 ? 0 : Dot(a, b) / denominator;
    }

    /// <summary>A unit-length copy (zeros stay zeros).</summary>
    public static float[] Normalised(ReadOnlySpan<float> a)
    {
        var norm = Norm(a);
        var result = new float[a.Length];
        if (norm > 0)
        {
            for (var i = 0; i < a.Length; i++)
                result[i] = a[i] / norm;
        }
        return result;
    }
}
