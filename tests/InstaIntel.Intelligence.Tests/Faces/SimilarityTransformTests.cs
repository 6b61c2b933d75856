using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Imaging;

namespace InstaIntel.Intelligence.Tests.Faces;

public sealed class SimilarityTransformTests
{
    private static readonly SimilarityTransform Known = new(1.7 * Math.Cos(0.35), 1.7 * Math.Sin(0.35), 40, -12);

    [Fact]
    public void Estimate_recovers_a_known_rotation_scale_and_shift()
    {
        var source = FaceAligner.Template.ToList();
        var target = source.Select(Known.Apply).ToList();

        var estimated = SimilarityTransform.Estimate(source, target);

        Assert.Equal(Known.A, estimated.A, 5);
        Assert.Equal(Known.B, estimated.B, 5);
        Assert.Equal(Known.Tx, estimated.Tx, 3);
        Assert.Equal(Known.Ty, estimated.Ty, 3);
        Assert.Equal(1.7, estimated.Scale, 5);
        Assert.Equal(0.35, estimated.RotationRadians, 5);
    }

    [Fact]
    public void Estimate_is_the_least_squares_fit_when_points_disagree()
    {
        var source = FaceAligner.Template.ToList();
        var noise = new[] { (1.5f, -1f), (-1f, 0.5f), (0.5f, 1.5f), (-1.5f, -0.5f), (0.5f, -0.5f) };
        var target = source.Select((p, i) => Known.Apply(p) is var q ? new PointF2(q.X + noise[i].Item1, q.Y + noise[i].Item2) : default).ToList();

        var best = SimilarityTransform.Estimate(source, target);
        double Error(SimilarityTransform t) => source.Select((p, i) => Math.Pow(t.Apply(p).X - target[i].X, 2) + Math.Pow(t.Apply(p).Y - target[i].Y, 2)).Sum();

        // Any nudge of any parameter fits worse.
        foreach (var nudged in new[] { best with { A = best.A + 0.01 }, best with { B = best.B - 0.01 }, best with { Tx = best.Tx + 0.2 }, best with { Ty = best.Ty - 0.2 } })
            Assert.True(Error(nudged) > Error(best));
        Assert.Equal(1.7, best.Scale, 1);
    }

    [Fact]
    public void Inverse_undoes_the_transform()
    {
        var point = new PointF2(12.5f, -80f);

        var back = Known.Inverse().Apply(Known.Apply(point));

        Assert.Equal(point.X, back.X, 3);
        Assert.Equal(point.Y, back.Y, 3);
    }
}
