using InstaIntel.Domain.Events;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Cluster.Tests.Harness;

/// <summary>
/// What an account must hold once the simulator's network has been processed: its followers and followings as profiles
/// with the right flags, and every live story of the profiles it follows, with media and both story events, once.
/// </summary>
public static class NetworkTruth
{
    /// <summary>Generated profiles that make good processing accounts: a small graph (one to four follows, a few followers)
    /// and some live stories to ingest.</summary>
    public static IReadOnlyList<string> ProcessingAccounts(SimulatedNetwork network, DateTimeOffset now, int count) =>
        network.Profiles
            .Skip(10) // the simulator's named accounts and the demo graph's centre
            .Where(p => network.FollowingOf(p.Username).Count is >= 1 and <= 4 && network.FollowersOf(p.Username).Count <= 8)
            .Where(p => network.FollowingOf(p.Username).Any(f => network.ActiveStoriesOf(f, now).Count > 0))
            .Select(p => p.Username)
            .Take(count)
            .ToList();

    /// <summary>What is still missing or wrong for <paramref name="account"/>; empty when it holds exactly the truth.</summary>
    public static async Task<string> DifferenceAsync(ClusterDatabase sql, SimulatedNetwork network, DateTimeOffset now, string account)
    {
        var problems = new List<string>();
        var profiles = await sql.ProfilesAsync(account);
        Compare(problems, "following", network.FollowingOf(account), profiles.Where(p => p.Following).Select(p => p.Username));
        Compare(problems, "followers", network.FollowersOf(account), profiles.Where(p => p.FollowsYou).Select(p => p.Username));
        Duplicates(problems, "profiles", profiles.Select(p => p.Username));

        var expectedStories = network.FollowingOf(account)
            .SelectMany(f => network.ActiveStoriesOf(f, now).Select(s => $"{f}/{s.PkText}")).ToList();
        var stories = await sql.StoriesAsync(account);
        Compare(problems, "stories", expectedStories, stories.Select(s => $"{s.Owner}/{s.StoryId}"));
        Duplicates(problems, "stories", stories.Select(s => $"{s.Owner}/{s.StoryId}"));
        var withoutMedia = stories.Where(s => !s.HasMedia).Select(s => s.StoryId).ToList();
        if (withoutMedia.Count > 0) problems.Add($"stories without media: {string.Join(", ", withoutMedia)}");
        foreach (var kind in new[] { ProfileEventKinds.StoryUploaded, ProfileEventKinds.StoryDownloaded })
        {
            var events = (await sql.EventsAsync(account, kind)).Select(e => $"{e.Owner}/{e.ExternalId}").ToList();
            Compare(problems, kind + " events", expectedStories, events);
            Duplicates(problems, kind + " events", events);
        }
        return problems.Count == 0 ? "" : $"{account}: {string.Join("; ", problems)}";
    }

    private static void Compare(List<string> problems, string what, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var want = expected.ToHashSet(StringComparer.Ordinal);
        var have = actual.ToHashSet(StringComparer.Ordinal);
        var missing = want.Except(have).ToList();
        var extra = have.Except(want).ToList();
        if (missing.Count > 0) problems.Add($"{what} missing {missing.Count} ({string.Join(", ", missing.Take(5))})");
        if (extra.Count > 0) problems.Add($"{what} not in the network {extra.Count} ({string.Join(", ", extra.Take(5))})");
    }

    private static void Duplicates(List<string> problems, string what, IEnumerable<string> keys)
    {
        var twice = keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0) problems.Add($"{what} stored more than once: {string.Join(", ", twice.Take(5))}");
    }
}
