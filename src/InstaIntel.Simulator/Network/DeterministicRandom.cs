namespace InstaIntel.Simulator.Network;

/// <summary>What a derived random stream is for, so two parts of one profile never share a stream.</summary>
internal enum RandomPurpose
{
    Name = 1,
    Profile = 2,
    Posts = 3,
    Comments = 4,
    Stories = 5,
    Threads = 6,
}

/// <summary>
/// Seeds a <see cref="Random"/> from (network seed, item, purpose). Lazily generated parts (a profile's posts, a
/// post's comments) come out the same whenever and in whatever order they are asked for.
/// </summary>
internal static class DeterministicRandom
{
    public static Random For(int seed, long item, RandomPurpose purpose) => new(Mix(seed, item, (int)purpose));

    // SplitMix64 finaliser over the three inputs: neighbouring items get unrelated streams.
    private static int Mix(int seed, long item, int purpose)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)item * 0xBF58476D1CE4E5B9UL ^ (ulong)purpose * 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;
}
