namespace InstaIntel.Simulator.Network;

/// <summary>
/// Generates the eager part of a network from one seeded <see cref="Random"/>: every username and the follow graph.
/// Everything else (bios, posts, comments, stories, threads) is derived lazily per item by <see cref="ContentGenerator"/>.
/// </summary>
internal static class NetworkGenerator
{
    public static (string[] Usernames, FollowGraph Graph) Generate(NetworkOptions options, IReadOnlyList<string> accountUsernames)
    {
        var usernames = GenerateUsernames(options, accountUsernames);
        var graph = GenerateGraph(options, usernames.Length);
        return (usernames, graph);
    }

    private static string[] GenerateUsernames(NetworkOptions options, IReadOnlyList<string> accountUsernames)
    {
        var usernames = new string[options.Profiles];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < accountUsernames.Count; i++)
        {
            usernames[i] = accountUsernames[i];
            taken.Add(accountUsernames[i]);
        }
        for (var i = accountUsernames.Count; i < usernames.Length; i++)
        {
            var (first, last, style) = NameParts(options.Seed, i);
            // The index makes every name unique; the style only varies how it reads.
            var candidate = style switch
            {
                0 => $"{first}.{last}{i}",
                1 => $"{first}_{last}_{i}",
                2 => $"{first}{i}",
                _ => $"{last}.{first}.{i}",
            };
            while (!taken.Add(candidate))
                candidate += "_";
            usernames[i] = candidate;
        }
        return usernames;
    }

    /// <summary>The name parts of a generated profile; the profile's full name is built from the same parts.</summary>
    public static (string First, string Last, int Style) NameParts(int seed, int index)
    {
        var random = DeterministicRandom.For(seed, index, RandomPurpose.Name);
        return (random.Pick(Vocabulary.FirstNames), random.Pick(Vocabulary.LastNames), random.Next(4));
    }

    private static FollowGraph GenerateGraph(NetworkOptions options, int profileCount)
    {
        var random = new Random(options.Seed);
        var edges = new List<long>(checked((int)Math.Min(int.MaxValue / 2, (long)profileCount * (options.AverageFollowing + 2) * 3 / 2)));
        AddDemoEdges(options, profileCount, random, edges);
        AddRandomEdges(options, profileCount, random, edges);
        return FollowGraph.FromEdges(profileCount, edges);
    }

    private static long Edge(int follower, int followed) => (long)follower << 32 | (uint)followed;

    // The demo account (index 0) gets an exact, hand-sized graph: a known follower set, a known mutual subset and
    // some accounts it follows without being followed back. Nobody else's random edges touch it.
    private static void AddDemoEdges(NetworkOptions options, int profileCount, Random random, List<long> edges)
    {
        var others = profileCount - 1;
        if (others <= 0)
            return;
        // A network too small for the asked counts keeps their proportions within 80% of the other profiles.
        var wanted = (double)options.DemoFollowers + options.DemoFollowingOnly;
        var scale = wanted > others ? others * 0.8 / wanted : 1.0;
        var followers = (int)(options.DemoFollowers * scale);
        var mutuals = Math.Min((int)(options.DemoMutuals * scale), followers);
        var followingOnly = Math.Min((int)(options.DemoFollowingOnly * scale), others - followers);

        var candidates = new int[others];
        for (var i = 0; i < others; i++)
            candidates[i] = i + 1;
        var needed = followers + followingOnly;
        for (var i = 0; i < needed; i++)
        {
            var j = random.Next(i, others);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }
        for (var i = 0; i < followers; i++)
            edges.Add(Edge(candidates[i], 0));
        for (var i = 0; i < mutuals; i++)
            edges.Add(Edge(0, candidates[i]));
        for (var i = followers; i < needed; i++)
            edges.Add(Edge(0, candidates[i]));
    }

    private static void AddRandomEdges(NetworkOptions options, int profileCount, Random random, List<long> edges)
    {
        if (profileCount < 3 || options.AverageFollowing == 0)
            return;
        // A small set of popular profiles draws a share of all follows, as real networks have.
        var popular = options.PopularProfiles ?? Math.Max(2, profileCount / 200);
        var maxFollowing = Math.Min(profileCount - 2, options.AverageFollowing * 8);
        for (var follower = 1; follower < profileCount; follower++)
        {
            var count = (int)Math.Round(-options.AverageFollowing * Math.Log(1 - random.NextDouble()));
            count = Math.Clamp(count, 1, maxFollowing);
            for (var k = 0; k < count; k++)
            {
                var followed = random.Chance(options.PopularShare) ? 1 + random.Next(Math.Min(popular, profileCount - 1)) : 1 + random.Next(profileCount - 1);
                if (followed == follower)
                    continue;
                edges.Add(Edge(follower, followed));
                if (random.Chance(options.FollowBackProbability))
                    edges.Add(Edge(followed, follower));
            }
        }
    }
}
