using Akka.Actor;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Actors.Processing;

/// <summary>The node's account children: which exist, what each is built from, and which phase each runs.</summary>
public sealed class AccountWorkers(
    AccountWorkerSettings settings,
    StoryIngestionServices stories,
    FeedEngagementServices feed,
    MediaAnalysisServices media,
    Func<string, Props> profileSync,
    Func<string, Props>? messaging = null) : IAccountWorkers
{
    /// <summary>The node's bound on workspace-actions runs at once (<see cref="MediaAnalysisSettings.MaxConcurrentRuns"/>).</summary>
    public RunSlots WorkspaceRuns { get; } = new(settings.Media.MaxConcurrentRuns);

    public const string ProfileSync = "profile-sync";
    public const string StoryIngestion = "story-ingestion";
    public const string FeedEngagement = "feed-engagement";
    public const string MediaAnalysis = "media-analysis";
    public const string Messaging = Actors.Messaging.MessagingActor.ChildName;

    public IReadOnlyList<(string Name, Props Props)> Children(string username) =>
    [
        (ProfileSync, profileSync(username)),
        (StoryIngestion, StoryIngestionActor.Props(stories, settings.Stories, settings.Budget, settings.HeartbeatInterval)),
        (FeedEngagement, FeedEngagementActor.Props(feed, settings.Feed, settings.Budget, settings.HeartbeatInterval)),
        (MediaAnalysis, MediaAnalysisActor.Props(media, settings.Media, settings.HeartbeatInterval, WorkspaceRuns)),
        // Messaging runs no phase: it sends queued messages whenever they come, within the same budget.
        .. messaging is null ? [] : new[] { (Messaging, messaging(username)) },
    ];

    public bool HasRoomFor(Phase phase) => phase != Phase.WorkspaceActions || WorkspaceRuns.HasRoom;

    public string ChildFor(Phase phase) => phase switch
    {
        Phase.StorySync => StoryIngestion,
        Phase.FeedSync => FeedEngagement,
        Phase.WorkspaceActions => MediaAnalysis,
        Phase.ProfileScan or Phase.ProfileRefresh or Phase.FollowGraphSync => ProfileSync,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "no child runs this phase"),
    };
}
