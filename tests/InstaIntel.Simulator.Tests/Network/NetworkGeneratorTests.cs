using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Tests.Network;

public sealed class NetworkGeneratorTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Accounts = ["demo_user", "demo_alt", "checkpoint_user"];

    private static SimulatedNetwork Generate(int seed, int profiles = 3_000) => SimulatedNetwork.Generate(new NetworkOptions
    {
        Seed = seed,
        Profiles = profiles,
        DemoFollowers = 2_000,
        DemoMutuals = 300,
        DemoFollowingOnly = 120,
    }, Accounts, Epoch);

    [Fact]
    public void The_same_seed_gives_the_same_network()
    {
        var one = Generate(seed: 11);
        var two = Generate(seed: 11);

        Assert.Equal(one.Usernames, two.Usernames);
        Assert.Equal(one.EdgeCount, two.EdgeCount);
        Assert.Equal(one.FollowersOf("demo_user"), two.FollowersOf("demo_user"));
        Assert.Equal(one.MutualsOf("demo_user"), two.MutualsOf("demo_user"));
        var someone = one.Usernames[1234];
        Assert.Equal(one.FollowingOf(someone), two.FollowingOf(someone));
        Assert.Equal(one.Profile(someone), two.Profile(someone));
        Assert.Equal(one.PostsOf("demo_user").Select(p => (p.Pk, p.Caption, p.TakenAt, p.Kind)), two.PostsOf("demo_user").Select(p => (p.Pk, p.Caption, p.TakenAt, p.Kind)));
        Assert.Equal(one.StoriesOf("demo_user").Select(s => (s.Pk, s.TakenAt, s.IsVideo)), two.StoriesOf("demo_user").Select(s => (s.Pk, s.TakenAt, s.IsVideo)));
        var post = one.PostsOf("demo_user")[0];
        Assert.Equal(one.CommentsOf(post), two.CommentsOf(two.PostsOf("demo_user")[0]));
        Assert.Equal(one.ThreadsOf("demo_user"), two.ThreadsOf("demo_user"));
    }

    [Fact]
    public void Another_seed_gives_another_network()
    {
        var one = Generate(seed: 11);
        var two = Generate(seed: 12);

        Assert.NotEqual(one.Usernames.Skip(Accounts.Length), two.Usernames.Skip(Accounts.Length));
        Assert.NotEqual(one.FollowersOf("demo_user"), two.FollowersOf("demo_user"));
        Assert.NotEqual(one.Profile(500).Biography + one.Profile(501).Biography, two.Profile(500).Biography + two.Profile(501).Biography);
    }

    [Fact]
    public void The_demo_account_has_the_configured_followers_mutuals_and_following()
    {
        var network = Generate(seed: 3);
        var followers = network.FollowersOf("demo_user");
        var following = network.FollowingOf("demo_user");
        var mutuals = network.MutualsOf("demo_user");

        Assert.Equal(2_000, followers.Count);
        Assert.Equal(2_000, followers.Distinct().Count());
        Assert.Equal(300, mutuals.Count);
        Assert.Equal(420, following.Count);
        Assert.DoesNotContain("demo_user", followers);
        Assert.All(mutuals, m =>
        {
            Assert.True(network.Follows(m, "demo_user"), $"{m} should follow demo_user");
            Assert.True(network.Follows("demo_user", m), $"demo_user should follow {m}");
        });
        Assert.Equal(2_000, network.DemoAccount.FollowerCount);
        Assert.Equal(420, network.DemoAccount.FollowingCount);
    }

    [Theory]
    [InlineData(5, 0.9)]
    [InlineData(null, 0.25)]
    public void The_popular_profiles_draw_the_configured_share_of_follows(int? popularProfiles, double share)
    {
        var network = SimulatedNetwork.Generate(new NetworkOptions
        {
            Seed = 3, Profiles = 2_000, DemoFollowers = 0, DemoMutuals = 0, DemoFollowingOnly = 0, AverageFollowing = 3,
            FollowBackProbability = 0, PopularProfiles = popularProfiles, PopularShare = share,
        }, Accounts, Epoch);
        var popular = network.Usernames.Skip(1).Take(popularProfiles ?? 2_000 / 200).ToHashSet();

        var follows = network.Usernames.Skip(1).Where(u => !popular.Contains(u)).SelectMany(network.FollowingOf).ToList();
        var toPopular = follows.Count(popular.Contains) / (double)follows.Count;
        // A share of random draws, within a few points: a draw can hit a popular profile by chance, and a profile that
        // drew the same popular one twice follows it once.
        Assert.InRange(toPopular, share - 0.07, share + 0.05);
    }

    [Fact]
    public void Followers_and_following_are_two_views_of_the_same_edges()
    {
        var network = Generate(seed: 5);
        foreach (var username in network.Usernames.Where((_, i) => i % 97 == 0))
        {
            foreach (var follower in network.FollowersOf(username))
                Assert.Contains(username, network.FollowingOf(follower));
            foreach (var followed in network.FollowingOf(username))
                Assert.Contains(username, network.FollowersOf(followed));
            Assert.DoesNotContain(username, network.FollowingOf(username));
        }
        // Outside the demo account mutuals happen too (follow-backs), in both directions.
        var withMutuals = network.Usernames.Skip(3).Take(300).Count(u => network.MutualsOf(u).Count > 0);
        Assert.True(withMutuals > 100, $"only {withMutuals} of 300 profiles have a mutual");
    }

    [Fact]
    public void A_small_network_keeps_the_demo_proportions()
    {
        var network = Generate(seed: 5, profiles: 200);

        Assert.Equal(200, network.ProfileCount);
        var followers = network.FollowersOf("demo_user").Count;
        var mutuals = network.MutualsOf("demo_user").Count;
        Assert.InRange(followers, 100, 199);
        Assert.InRange(mutuals, 1, followers - 1);
        Assert.True(network.FollowingOf("demo_user").Count > mutuals, "some followed accounts do not follow back");
    }

    [Fact]
    public void A_100000_profile_network_is_generated_with_consistent_counts()
    {
        var network = SimulatedNetwork.Generate(new NetworkOptions { Seed = 42, Profiles = 100_000 }, Accounts, Epoch);

        Assert.Equal(100_000, network.ProfileCount);
        Assert.Equal(100_000, network.Usernames.Distinct().Count());
        Assert.Equal(2_000, network.FollowersOf("demo_user").Count);
        Assert.Equal(250, network.MutualsOf("demo_user").Count);
        Assert.InRange(network.EdgeCount, 100_000 * 15, 100_000 * 60);
        var last = network.Profile(network.Usernames[^1]);
        Assert.Equal(99_999, last.Index);
        Assert.Equal(network.FollowersOf(last.Username).Count, last.FollowerCount);
        Assert.Equal(last.PostCount, network.PostsOf(last).Count);
        Assert.Same(last.Username, network.TryFindById(last.Id)!.Username);
    }

    [Fact]
    public void Media_ids_and_shortcodes_resolve_back_to_their_items()
    {
        var network = Generate(seed: 9);
        var profile = network.Profiles.Skip(3).First(p => p.PostCount > 3);
        foreach (var post in network.PostsOf(profile))
        {
            Assert.Equal(post, network.FindPost(post.Pk));
            Assert.Equal(post, network.FindPostByShortcode(post.Shortcode));
            Assert.Equal(post.Pk, MediaIds.ParseMediaId(post.MediaId));
        }
        var storyteller = network.Profiles.First(p => network.StoriesOf(p).Count > 0);
        foreach (var story in network.StoriesOf(storyteller))
            Assert.Equal(story, network.FindStory(story.Pk));
        Assert.Null(network.FindPost(MediaIds.PostPk(profile.Index, profile.PostCount)));
        Assert.Null(network.FindPostByShortcode("!!"));
    }

    [Fact]
    public void Stories_span_the_epoch_and_expire_a_day_after_they_were_taken()
    {
        var network = Generate(seed: 21);
        var stories = network.Profiles.Take(500).SelectMany(network.StoriesOf).ToArray();

        Assert.NotEmpty(network.ActiveStoriesOf("demo_user", Epoch));
        Assert.All(stories, s => Assert.Equal(TimeSpan.FromHours(24), s.ExpiringAt - s.TakenAt));
        Assert.Contains(stories, s => s.TakenAt > Epoch);
        Assert.Contains(stories, s => s.TakenAt < Epoch && s.ExpiringAt > Epoch);
        Assert.Contains(stories, s => s.IsVideo);
    }
}
