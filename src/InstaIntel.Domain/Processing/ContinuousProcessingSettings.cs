namespace InstaIntel.Domain.Processing;

/// <summary>The coordinator's numbers (BEHAVIOUR.md §1), bound from <c>InstaIntel:ContinuousProcessing</c>.</summary>
public sealed record ContinuousProcessingSettings
{
    public const string Section = "InstaIntel:ContinuousProcessing";

    /// <summary>A running account whose heartbeat is older than this is stale and may be taken over.</summary>
    public TimeSpan StaleHeartbeatAfter { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan StorySyncInterval { get; init; } = TimeSpan.FromMinutes(90);
    public TimeSpan FeedSyncInterval { get; init; } = TimeSpan.FromHours(2);
    public TimeSpan ProfileScanInterval { get; init; } = TimeSpan.FromMinutes(75);
    public TimeSpan ProfileRefreshInterval { get; init; } = TimeSpan.FromMinutes(45);
    public TimeSpan FollowGraphSyncInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Next due = now + interval + up to this fraction of the interval, so accounts drift apart.</summary>
    public double DueJitterFraction { get; init; } = 0.12;

    /// <summary>Retry-after by consecutive failure count (1, 2, 3, 4, 5+).</summary>
    public IReadOnlyList<TimeSpan> FailureBackoff { get; init; } =
        [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(3)];

    public TimeSpan FailureBackoffJitterMax { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>After an authentication failure automation stays off at least this long (or until a session import).</summary>
    public TimeSpan AuthenticationBackoff { get; init; } = TimeSpan.FromHours(2);

    public int StoryBatchSize { get; init; } = 10;
    public int FeedRounds { get; init; } = 3;
    public TimeSpan FeedPageDelay { get; init; } = TimeSpan.FromSeconds(20);
    public int FeedMaxNewPosts { get; init; } = 15;
    public int ProfileRefreshBatchSize { get; init; } = 10;

    public TimeSpan IntervalOf(Phase phase) => phase switch
    {
        Phase.StorySync => StorySyncInterval,
        Phase.FeedSync => FeedSyncInterval,
        Phase.ProfileScan => ProfileScanInterval,
        Phase.ProfileRefresh => ProfileRefreshInterval,
        Phase.FollowGraphSync => FollowGraphSyncInterval,
        Phase.WorkspaceActions => TimeSpan.Zero,
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };
}
