using InstaIntel.Intelligence.Imaging;

namespace InstaIntel.Intelligence.Faces;

/// <summary>
/// x' = A·x − B·y + Tx, y' = B·x + A·y + Ty: rotation, uniform scale and translation (no shear, no reflection).
/// </summary>
public readonly record struct SimilarityTransform(double A, double B, double Tx, double Ty)
{
    public double Scale => Math.Sqrt(A * A + B * B);

    public double RotationRadians => Math.Atan2(B, A);

    public PointF2 Apply(PointF2 p) =>
        new((float)(A * p.X - B * p.Y + Tx), (float)(B * p.X + A * p.Y + Ty));

    public SimilarityTransform Inverse()
    {
        var d = A * A + B * B;
        if (d == 0)
            throw new InvalidOperationException("a degenerate transform has no inverse");
        var a = A / d;
        var b = -B / d;
        return new SimilarityTransform(a, b, -(a * Tx - b * Ty), -(b * Tx + a * Ty));
    }

    /// <summary>
    /// The least-squares similarity taking <paramref name="source"/> onto <paramref name="target"/> (Umeyama 1991).
    /// In two dimensions the SVD of the cross-covariance reduces to this closed form: with centred points,
    /// A = Σ(s·d)/Σ|s|², B = Σ(s×d)/Σ|s|², which is the scaled rotation Umeyama's c·R gives when det R = +1.
    /// </summary>
    public static SimilarityTransform Estimate(IReadOnlyList<PointF2> source, IReadOnlyList<PointF2> target)
    {
        if (source.Count != target.Count || source.Count < 2)
            throw new ArgumentException("need at least two point pairs of equal count");
        double msx = 0, msy = 0, mdx = 0, mdy = 0;
        for (var i = 0; i < source.Count; i++)
        {
            msx += source[i].X; msy += source[i].Y; mdx += target[i].X; mdy += target[i].Y;
        }
        var n = source.Count;
        msx /= n; msy /= n; mdx /= n; mdy /= n;
        double dot = 0, cross = 0, variance = 0;
        for (var i = 0; i < n; i++)
        {
            var sx = source[i].X - msx; var sy = source[i].Y - msy;
            var dx = target[i].X - mdx; var dy = target[i].Y - mdy;
            dot += sx * dx + sy * dy;
            cross += sx * dy - sy * dx;
            variance += sx * sx + sy * sy;
        }
        if (variance == 0)
            throw new ArgumentException("the source points coincide");
        var a = dot / variance;
        var b = cross / variance;
        return new SimilarityTransform(a, b, mdx - (a * msx - b * msy), mdy - (b * msx + a * msy));
    }
}
