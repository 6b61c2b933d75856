namespace InstaIntel.Simulator.Network;

/// <summary>Sizes and shapes the generated network (configuration section <c>Simulator:Network</c>).</summary>
public sealed class NetworkOptions
{
    /// <summary>The same seed and options always give the same network.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Profiles in the network, the accounts included (at least the accounts, at most 1,000,000).</summary>
    public int Profiles { get; set; } = 5_000;

    /// <summary>Followers of the first account (the demo account). When the profiles cannot hold the demo counts,
    /// followers, mutuals and following-only shrink in proportion to fit 80% of the other profiles.</summary>
    public int DemoFollowers { get; set; } = 2_000;

    /// <summary>How many of the demo account's followers it follows back (its mutuals).</summary>
    public int DemoMutuals { get; set; } = 250;

    /// <summary>Accounts the demo account follows that do not follow it back.</summary>
    public int DemoFollowingOnly { get; set; } = 150;

    /// <summary>Mean number of accounts every other profile follows (exponentially distributed).</summary>
    public int AverageFollowing { get; set; } = 30;

    /// <summary>How many popular profiles draw <see cref="PopularShare"/> of all random follows; null: one in 200
    /// profiles (at least 2). A few popular profiles and a high share give many accounts small networks that overlap
    /// (the same few people's stories and posts), which a load test can process cheaply.</summary>
    public int? PopularProfiles { get; set; }

    /// <summary>Share of every profile's random follows that go to the popular profiles.</summary>
    public double PopularShare { get; set; } = 0.25;

    /// <summary>Chance that a followed profile follows back (outside the demo account's hand-made graph).</summary>
    public double FollowBackProbability { get; set; } = 0.3;

    /// <summary>Chance that a profile posts stories at all.</summary>
    public double StoryProbability { get; set; } = 0.45;

    /// <summary>Stories are generated from a day before the epoch to this many hours after it, so the clock moving on
    /// brings new stories as old ones expire.</summary>
    public int StoryHorizonHours { get; set; } = 72;

    /// <summary>Most stories a profile posts in one burst (each burst has 1 to this many, evenly drawn). About 1.5 bursts
    /// are live at a time, so a story-posting profile shows 1.5 x (1 + this) / 2 live stories on average.</summary>
    public int MaxStoriesPerBurst { get; set; } = 4;

    /// <summary>Direct threads generated for each account's inbox.</summary>
    public int ThreadsPerAccount { get; set; } = 25;

    /// <summary>The network's "now" at generation: posts are older, stories are placed around it. Defaults to the
    /// simulator clock's time at start (whole seconds).</summary>
    public DateTimeOffset? Epoch { get; set; }

    public void Validate(int accountCount)
    {
        if (Profiles < accountCount || Profiles > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(Profiles), Profiles, $"Simulator:Network:Profiles must be between the number of accounts ({accountCount}) and 1,000,000");
        if (DemoFollowers < 0 || DemoMutuals < 0 || DemoFollowingOnly < 0 || AverageFollowing < 0)
            throw new ArgumentOutOfRangeException(nameof(DemoFollowers), "Simulator:Network counts must not be negative");
        if (PopularProfiles is < 1 || PopularProfiles >= Profiles)
            throw new ArgumentOutOfRangeException(nameof(PopularProfiles), PopularProfiles, "Simulator:Network:PopularProfiles must be at least 1 and below Profiles");
        if (FollowBackProbability is < 0 or > 1 || StoryProbability is < 0 or > 1 || PopularShare is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(StoryProbability), "Simulator:Network probabilities must be within 0..1");
        if (MaxStoriesPerBurst < 1 || MaxStoriesPerBurst > 100)
            throw new ArgumentOutOfRangeException(nameof(MaxStoriesPerBurst), MaxStoriesPerBurst, "Simulator:Network:MaxStoriesPerBurst must be between 1 and 100");
        if (StoryHorizonHours < 0 || ThreadsPerAccount < 0)
            throw new ArgumentOutOfRangeException(nameof(StoryHorizonHours), "Simulator:Network hours and threads must not be negative");
    }
}
