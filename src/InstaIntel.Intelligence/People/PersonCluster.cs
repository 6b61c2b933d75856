using InstaIntel.Intelligence.Embeddings;

namespace InstaIntel.Intelligence.People;

/// <summary>One person of an account: the canonical embedding (running mean of linked faces, re-normalised) and appearances.</summary>
public sealed record PersonCluster(Guid Id, Embedding Canonical, int AppearanceCount, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt)
{
    /// <summary>The person after one more linked face: mean updated as (c·n + e)/(n + 1), then back to unit length.</summary>
    public PersonCluster Absorb(Embedding face, DateTimeOffset seenAt)
    {
        var n = AppearanceCount;
        var mean = new float[Canonical.Dimensions];
        for (var i = 0; i < mean.Length; i++)
            mean[i] = (Canonical.Values[i] * n + face.Values[i]) / (n + 1);
        return this with
        {
            Canonical = Embedding.Normalise(mean, Canonical.Version),
            AppearanceCount = n + 1,
            FirstSeenAt = seenAt < FirstSeenAt ? seenAt : FirstSeenAt,
            LastSeenAt = seenAt > LastSeenAt ? seenAt : LastSeenAt,
        };
    }

    /// <summary>
    /// This person with <paramref name="other"/>'s faces added (the id stays this one's): the canonical is the mean
    /// weighted by appearances, (c₁·n₁ + c₂·n₂)/(n₁ + n₂), back to unit length; counts add up; the seen range spans both.
    /// </summary>
    public PersonCluster Merge(PersonCluster other)
    {
        if (other.Canonical.Version != Canonical.Version || other.Canonical.Dimensions != Canonical.Dimensions)
            throw new ArgumentException($"person {other.Id} was embedded by {other.Canonical.Version}, not {Canonical.Version}", nameof(other));
        int n = AppearanceCount, m = other.AppearanceCount;
        var mean = new float[Canonical.Dimensions];
        for (var i = 0; i < mean.Length; i++)
            mean[i] = (Canonical.Values[i] * n + other.Canonical.Values[i] * m) / Math.Max(1, n + m);
        return this with
        {
            Canonical = Embedding.Normalise(mean, Canonical.Version),
            AppearanceCount = n + m,
            FirstSeenAt = other.FirstSeenAt < FirstSeenAt ? other.FirstSeenAt : FirstSeenAt,
            LastSeenAt = other.LastSeenAt > LastSeenAt ? other.LastSeenAt : LastSeenAt,
        };
    }
}
