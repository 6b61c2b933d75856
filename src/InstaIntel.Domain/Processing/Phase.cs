using InstaIntel.Domain.Accounts;

namespace InstaIntel.Domain.Processing;

/// <summary>One unit of continuous-processing work a tick may start.</summary>
public enum Phase
{
    StorySync,
    FeedSync,
    WorkspaceActions,
    ProfileScan,
    /// <summary>The lighter fallback of a profile scan when AI health is bad.</summary>
    ProfileRefresh,
    FollowGraphSync,
}

public static class PhaseExtensions
{
    /// <summary>The due time a phase advances; workspace actions run whenever work is pending and keep none.</summary>
    public static WorkKind? DueKind(this Phase phase) => phase switch
    {
        Phase.StorySync => WorkKind.StorySync,
        Phase.FeedSync => WorkKind.FeedSync,
        Phase.ProfileScan => WorkKind.ProfileScan,
        Phase.ProfileRefresh => WorkKind.ProfileRefresh,
        Phase.FollowGraphSync => WorkKind.FollowGraphSync,
        _ => null,
    };
}
