using System.Collections.Immutable;
using Akka.Actor;
using Akka.Streams;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Processing.ProfileSync;
using InstaIntel.Domain.Processing;
using InstaIntel.Instagram.Client;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// The account's <c>profile-sync</c> child: runs <see cref="Phase.FollowGraphSync"/>, <see cref="Phase.ProfileScan"/> and
/// <see cref="Phase.ProfileRefresh"/> (docs/processing.md). Each run is one paced Akka.Streams crawl (the account's
/// request budget as its throttle, the run's kill switch) whose findings are written as they arrive.
/// </summary>
public sealed class ProfileSyncActor : PhaseChild
{
    public const string ChildName = "profile-sync";

    private readonly AccountWorkContextLoader _contexts;
    private readonly IInstagramClient _instagram;
    private readonly ProfileSyncStores _stores;
    private readonly AccountEntitySettings _account;
    private readonly ProfileSyncSettings _settings;

    public ProfileSyncActor(
        AccountWorkContextLoader contexts, IInstagramClient instagram, ProfileSyncStores stores, AccountEntitySettings account, ProfileSyncSettings settings)
        : base(settings.HeartbeatInterval)
    {
        _contexts = contexts;
        _instagram = instagram;
        _stores = stores;
        _account = account;
        _settings = settings;
    }

    /// <exception cref="ArgumentException">invalid settings (checked here, not in the actor, so a bad value fails the node's start rather than restarting the child).</exception>
    public static Props Props(
        AccountWorkContextLoader contexts, IInstagramClient instagram, ProfileSyncStores stores, AccountEntitySettings account, ProfileSyncSettings settings)
    {
        settings.Validate();
        account.Budget.Validate();
        return Akka.Actor.Props.Create(() => new ProfileSyncActor(contexts, instagram, stores, account, settings));
    }

    /// <summary>The phases this child runs (the rest belong to its siblings).</summary>
    public static bool Runs(Phase phase) => phase is Phase.FollowGraphSync or Phase.ProfileScan or Phase.ProfileRefresh;

    protected override async Task<ImmutableDictionary<string, int>> RunAsync(StartPhase start, SharedKillSwitch killSwitch, CancellationToken cancellationToken)
    {
        if (!Runs(start.Phase))
            throw new InvalidOperationException($"{ChildName} does not run {start.Phase}");
        var materializer = Materializer;
        // Taken before the first await: after it, this code no longer runs on the actor's thread.
        var (entity, self) = (Context.Parent, Self);
        var account = await _contexts.LoadAsync(start.Username, start.InstagramUserId, cancellationToken);
        var run = new ProfileSyncRun(start, account, _instagram, _stores, _settings,
            RequestPacing.From(_account.Budget, _settings.BudgetShare, _settings.ThrottleBurst), killSwitch, materializer, cancellationToken);
        var stats = start.Phase switch
        {
            Phase.FollowGraphSync => await FollowGraphSync.RunAsync(run),
            Phase.ProfileScan => await ProfileScan.RunAsync(run),
            _ => await ProfileRefresh.RunAsync(run, _account.Processing.ProfileRefreshBatchSize),
        };
        // Post media the scan stored waits for analysis, as captured stories do.
        if (stats.GetValueOrDefault("post_media_downloaded") is > 0 and var downloaded)
            entity.Tell(new MediaCaptured(start.RunId, downloaded), self);
        return stats;
    }
}
