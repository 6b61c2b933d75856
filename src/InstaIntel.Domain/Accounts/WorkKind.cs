namespace InstaIntel.Domain.Accounts;

/// <summary>The kinds of work the continuous-processing coordinator schedules, each with its own due time.</summary>
public enum WorkKind
{
    StorySync,
    FeedSync,
    ProfileScan,
    FollowGraphSync,
    ProfileRefresh,
}
