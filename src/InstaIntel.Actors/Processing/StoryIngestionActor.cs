using System.Collections.Immutable;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Stories;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Storage;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Events;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// <c>story-ingestion</c>: the story-sync phase. Reads the home tray, then each connected profile's reel, through a
/// stream throttled to the account's request budget; records <c>story_uploaded</c> / <c>story_downloaded</c> events
/// once per story, upserts <c>instagram_stories</c> by (profile, story id), stores the media in the blob store once,
/// and hands each new story to <c>media-analysis</c>. Everything is keyed so a repeated or interrupted run adds no
/// duplicate rows.
/// </summary>
public sealed class StoryIngestionActor : PhaseChild
{
    private readonly StoryIngestionServices _services;
    private readonly StoryIngestionSettings _settings;
    private readonly RequestBudgetSettings _budget;

    public StoryIngestionActor(StoryIngestionServices services, StoryIngestionSettings settings, RequestBudgetSettings budget, TimeSpan heartbeatInterval)
        : base(heartbeatInterval)
    {
        _services = services;
        _settings = settings;
        _budget = budget;
    }

    public static Props Props(StoryIngestionServices services, StoryIngestionSettings settings, RequestBudgetSettings budget, TimeSpan heartbeatInterval) =>
        Akka.Actor.Props.Create(() => new StoryIngestionActor(services, settings, budget, heartbeatInterval));

    protected override async Task<ImmutableDictionary<string, int>> RunAsync(StartPhase start, SharedKillSwitch killSwitch, CancellationToken cancellationToken)
    {
        // Taken before the first await: after it, this code no longer runs on the actor's thread.
        var mediaAnalysis = Context.ActorSelection(Context.Parent.Path / "media-analysis");
        var work = await _services.Context.LoadAsync(start.Username, start.InstagramUserId, cancellationToken);
        var stats = new Stats();
        var tray = await _services.Instagram.GetStoryTrayAsync(work.Session, cancellationToken);
        stats.Add("tray_entries", tray.Count);
        var connected = await ConnectedAsync(work.AccountId, tray, stats, cancellationToken);
        // A one-profile action ("sync this profile's stories") ingests that profile's reel from the tray only.
        if (start.Target is { } target)
        {
            var username = await ProfileUsernameAsync(target.ProfileId, cancellationToken);
            connected = [.. connected.Where(e => e.User.Username == username)];
        }

        var taken = 0;
        await Source.From(connected)
            .Via(killSwitch.Flow<StoryTrayEntry>())
            // The account's budget shapes the stream: never more than the window allows, evenly spread.
            .Throttle(_budget.RequestsPerWindow, _budget.Window, _budget.RequestsPerWindow, ThrottleMode.Shaping)
            .SelectAsync(2, async entry => (Entry: entry, Reel: await _services.Instagram.GetStoriesAsync(work.Session, entry.User.Id, cancellationToken)))
            .SelectMany(pair => pair.Reel.Items.Select(item => (pair.Entry, Item: item)))
            .Buffer(64, OverflowStrategy.Backpressure)
            // Several stories in flight keep the budget, not the round trips, the limit; a slot of the batch is
            // reserved before a story is taken so the batch is never exceeded.
            .SelectAsync(_settings.Parallelism, async pair =>
            {
                if (Interlocked.Increment(ref taken) > _settings.BatchSize)
                {
                    Interlocked.Decrement(ref taken);
                    return false;
                }
                var isNew = await IngestAsync(work, pair.Entry, pair.Item, stats, cancellationToken);
                if (!isNew) Interlocked.Decrement(ref taken);
                return isNew;
            })
            .TakeWhile(_ => Volatile.Read(ref taken) < _settings.BatchSize, inclusive: true)
            .RunWith(Sink.Ignore<bool>(), Materializer);

        mediaAnalysis.Tell(new MediaCaptured(start.RunId, stats.Get("stories_new")));
        return stats.ToImmutable();
    }

    private async Task<string?> ProfileUsernameAsync(long profileId, CancellationToken cancellationToken)
    {
        await using var db = _services.Database.Open();
        return await db.InstagramProfiles.Where(p => p.Id == profileId).Select(p => p.Username).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The tray's profiles the account is connected to. Before the first follow-graph sync every tray profile
    /// counts (the tray only shows accounts one follows); afterwards a profile outside the graph is skipped
    /// (<c>profile_not_connected</c>).
    /// </summary>
    private async Task<IReadOnlyList<StoryTrayEntry>> ConnectedAsync(long accountId, IReadOnlyList<StoryTrayEntry> tray, Stats stats, CancellationToken cancellationToken)
    {
        await using var db = _services.Database.Open();
        var graphKnown = await db.InstagramProfiles.AnyAsync(p => p.InstagramAccountId == accountId && p.Following, cancellationToken);
        var usernames = tray.Select(e => e.User.Username).ToList();
        var connected = graphKnown
            ? (await db.InstagramProfiles
                .Where(p => p.InstagramAccountId == accountId && usernames.Contains(p.Username) && (p.Following || p.FollowsYou))
                .Select(p => p.Username).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal)
            : usernames.ToHashSet(StringComparer.Ordinal);
        var kept = tray.Where(e => connected.Contains(e.User.Username)).ToList();
        stats.Add("skipped_profile_not_connected", tray.Count - kept.Count);
        return kept;
    }

    /// <returns>true when the story was new to the account.</returns>
    private async Task<bool> IngestAsync(AccountWorkContext work, StoryTrayEntry entry, StoryItem item, Stats stats, CancellationToken cancellationToken)
    {
        var profileId = await _services.Profiles.UpsertAsync(new ProfileSnapshot(work.AccountId, entry.User.Username, entry.User.Id,
            entry.User.FullName, ProfilePicUrl: entry.User.ProfilePicUrl), cancellationToken);
        var known = await _services.Stories.FindAsync(profileId, item.Id, cancellationToken);
        if (known?.MediaBlobKey is not null)
        {
            stats.Add("stories_already_stored", 1);
            return false;
        }

        var uploaded = await _services.Events.RecordAsync(profileId, ProfileEventKinds.StoryUploaded, item.Id, item.TakenAt?.UtcDateTime,
            new ProfileEventMetadata { Source = "story_tray", StoryId = item.Id, OwnerUsername = entry.User.Username, OwnerIgUserId = entry.User.Id,
                MediaType = item.Type.ToString().ToLowerInvariant(), ImageUrl = item.ImageUrl, MediaUrl = item.VideoUrl ?? item.ImageUrl },
            cancellationToken);
        var storyRowId = await _services.Stories.UpsertIngestedAsync(new InstagramStory
        {
            InstagramAccountId = work.AccountId,
            InstagramProfileId = profileId,
            SourceEventId = uploaded.Id,
            StoryId = item.Id,
            MediaType = item.Type.ToString().ToLowerInvariant(),
            TakenAt = item.TakenAt?.UtcDateTime,
            ExpiresAt = item.ExpiringAt?.UtcDateTime,
            ImageUrl = item.ImageUrl,
            VideoUrl = item.VideoUrl,
            MediaUrl = item.VideoUrl ?? item.ImageUrl,
            DurationSeconds = item.VideoDurationSeconds,
            Metadata = new StoryMetadata { IngestedAt = DateTime.UtcNow },
        }, cancellationToken);

        if ((item.VideoUrl ?? item.ImageUrl) is { } url)
        {
            var media = await _services.Instagram.DownloadMediaAsync(work.Session, new Uri(url), cancellationToken);
            var (key, _) = await _services.Blobs.PutAsync(media.Bytes, cancellationToken);
            // The event before the media key: a stored key marks the story done (later runs skip it), so a crash between
            // the two must leave the key unset and the story to be taken again, never a story without its event.
            await _services.Events.RecordAsync(profileId, ProfileEventKinds.StoryDownloaded, item.Id, DateTime.UtcNow,
                new ProfileEventMetadata { Source = "story_tray", StoryId = item.Id }, cancellationToken);
            await _services.Stories.AttachMediaAsync(storyRowId, key, media.ContentType, media.Bytes.Length, cancellationToken);
            stats.Add("media_downloaded", 1);
        }
        stats.Add("stories_new", 1);
        return true;
    }
}

/// <summary>What story ingestion uses; one instance per node.</summary>
public sealed record StoryIngestionServices(
    AccountWorkContextLoader Context,
    IInstagramClient Instagram,
    InstaIntelDbFactory Database,
    ProfileRepository Profiles,
    ProfileEventRepository Events,
    StoryRepository Stories,
    BlobStore Blobs);

/// <summary>Told to <c>media-analysis</c>: new media is stored and waits for analysis.</summary>
public sealed record MediaCaptured(Guid RunId, int Count) : IPhaseMessage;
