using Akka.Actor;
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
/// <c>story-ingestion</c>: the story-sync phase. Reads the home tray, then each connected profile's reel, then the
/// media of each new story, every request paced by the account's budget; records <c>story_uploaded</c> /
/// <c>story_downloaded</c> events once per story, upserts <c>instagram_stories</c> by (profile, story id), stores the
/// media in the blob store once, and hands the count of new stories to <c>media-analysis</c>. Everything is keyed so
/// a repeated or interrupted run adds no duplicate rows.
/// </summary>
public sealed class StoryIngestionActor : MediaCaptureChild
{
    private readonly StoryIngestionServices _services;
    private readonly StoryIngestionSettings _settings;

    public StoryIngestionActor(StoryIngestionServices services, StoryIngestionSettings settings, RequestBudgetSettings budget, TimeSpan heartbeatInterval)
        : base(services.Capture, settings.Pacing, budget, heartbeatInterval)
    {
        _services = services;
        _settings = settings;
    }

    /// <exception cref="ArgumentException">invalid settings (checked here so a bad value fails the node's start, not the child).</exception>
    public static Props Props(StoryIngestionServices services, StoryIngestionSettings settings, RequestBudgetSettings budget, TimeSpan heartbeatInterval)
    {
        settings.Validate();
        return Akka.Actor.Props.Create(() => new StoryIngestionActor(services, settings, budget, heartbeatInterval));
    }

    protected override async Task<int> CaptureAsync(MediaCaptureRun run)
    {
        var requests = new PacedWork<StoryFound>();
        var batch = new BatchSlots(_settings.BatchSize);
        requests.Add(async cancellationToken =>
        {
            var tray = await run.Instagram.GetStoryTrayAsync(run.Work.Session, cancellationToken);
            run.Stats.Add("tray_entries", tray.Count);
            var connected = await ConnectedAsync(run.AccountId, tray, run.Stats, cancellationToken);
            // A one-profile action ("sync this profile's stories") ingests that profile's reel from the tray only.
            if (run.Start.Target is { } target)
            {
                var username = await ProfileUsernameAsync(target.ProfileId, cancellationToken);
                connected = [.. connected.Where(e => e.User.Username == username)];
            }
            foreach (var entry in connected)
                requests.Add(token => ReadReelAsync(run, requests, batch, entry, token), wanted: () => !batch.Full);
            return [];
        });
        await run.RunAsync(requests, found => WriteAsync(run, found));
        return run.Stats.Get("stories_new");
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

    /// <summary>One reel: its new stories (up to the batch) are found here; their media requests are queued behind it.</summary>
    private async Task<IReadOnlyList<StoryFound>> ReadReelAsync(
        MediaCaptureRun run, PacedWork<StoryFound> requests, BatchSlots batch, StoryTrayEntry entry, CancellationToken cancellationToken)
    {
        if (batch.Full) return []; // the batch filled up while this reel's request was under way: it is the next run's
        var reel = await run.Instagram.GetStoriesAsync(run.Work.Session, entry.User.Id, cancellationToken);
        var stored = await _services.Stories.StoredWithMediaAsync(run.AccountId, entry.User.Username, reel.Items.Select(i => i.Id).ToList(), cancellationToken);
        var found = new List<StoryFound>();
        foreach (var item in reel.Items)
        {
            if (stored.Contains(item.Id))
            {
                run.Stats.Add("stories_already_stored", 1);
                continue;
            }
            if (!batch.TryTake()) break;
            if ((item.VideoUrl ?? item.ImageUrl) is { } url)
                requests.Add(async token => [new StoryFound(entry, item, await run.DownloadAsync(url, token))]);
            else
                found.Add(new StoryFound(entry, item, null));
        }
        return found;
    }

    private async Task WriteAsync(MediaCaptureRun run, StoryFound found)
    {
        var (entry, item, media) = found;
        var cancellationToken = run.Cancellation;
        var profileId = await run.AuthorAsync(new ProfileSnapshot(run.AccountId, entry.User.Username, entry.User.Id, entry.User.FullName,
            ProfilePicUrl: entry.User.ProfilePicUrl));
        // The bytes first, outside the transaction (content-addressed: a put that is never recorded only leaves a file
        // a later put reuses); then the story's rows in one transaction: one commit a story instead of one a statement.
        var stored = media is null ? null : await run.PutAsync(media);
        await using var db = _services.Database.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var uploaded = await _services.Events.RecordAsync(db, profileId, ProfileEventKinds.StoryUploaded, item.Id, item.TakenAt?.UtcDateTime,
            new ProfileEventMetadata { Source = "story_tray", StoryId = item.Id, OwnerUsername = entry.User.Username, OwnerIgUserId = entry.User.Id,
                MediaType = item.Type.ToString().ToLowerInvariant(), ImageUrl = item.ImageUrl, MediaUrl = item.VideoUrl ?? item.ImageUrl },
            cancellationToken);
        var storyRowId = await _services.Stories.UpsertIngestedAsync(db, new InstagramStory
        {
            InstagramAccountId = run.AccountId,
            InstagramProfileId = profileId,
            SourceEventId = uploaded,
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

        if (stored is not null)
        {
            // A stored key marks the story done (later runs skip it); in the same transaction as the story_downloaded
            // event, so no story ends up with its key but without the event.
            await _services.Events.RecordAsync(db, profileId, ProfileEventKinds.StoryDownloaded, item.Id, DateTime.UtcNow,
                new ProfileEventMetadata { Source = "story_tray", StoryId = item.Id }, cancellationToken);
            await _services.Stories.AttachMediaAsync(db, storyRowId, stored.BlobKey, stored.ContentType, stored.ByteSize, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (stored is not null) run.MediaStored();
        run.Stats.Add("stories_new", 1);
    }

    /// <summary>A new story of a reel, with its media when it has any (downloaded by a paced request of its own).</summary>
    private sealed record StoryFound(StoryTrayEntry Entry, StoryItem Item, MediaDownload? Media);
}

/// <summary>What story ingestion uses; one instance per node.</summary>
public sealed record StoryIngestionServices(
    AccountWorkContextLoader Context,
    IInstagramClient Instagram,
    InstaIntelDbFactory Database,
    ProfileRepository Profiles,
    ProfileEventRepository Events,
    StoryRepository Stories,
    BlobStore Blobs)
{
    public MediaCaptureServices Capture => new(Context, Instagram, Profiles, Blobs);
}

