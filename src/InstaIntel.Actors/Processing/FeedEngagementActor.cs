using System.Collections.Concurrent;
using Akka.Actor;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Posts;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Transport;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Events;
using InstaIntel.Storage.Feed;
using InstaIntel.Storage.Profiles;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// <c>feed-engagement</c>: the feed phase. Purges feed media past its retention, then reads a few pages of the home
/// feed (paced like scrolling), captures new posts once per shortcode with their media, and likes and comments on
/// them within the account's daily caps, each recorded as a profile event (<c>post_liked</c>,
/// <c>post_comment_sent</c>) of the post's author. Every request (pages, media, likes, comments) is paced by the
/// account's budget; the writes follow behind.
/// </summary>
public sealed class FeedEngagementActor : MediaCaptureChild
{
    private readonly FeedEngagementServices _services;
    private readonly FeedEngagementSettings _settings;

    public FeedEngagementActor(FeedEngagementServices services, FeedEngagementSettings settings, RequestBudgetSettings budget, TimeSpan heartbeatInterval)
        : base(services.Capture, settings.Pacing, budget, heartbeatInterval)
    {
        _services = services;
        _settings = settings;
    }

    /// <exception cref="ArgumentException">invalid settings (checked here so a bad value fails the node's start, not the child).</exception>
    public static Props Props(FeedEngagementServices services, FeedEngagementSettings settings, RequestBudgetSettings budget, TimeSpan heartbeatInterval)
    {
        settings.Validate();
        return Akka.Actor.Props.Create(() => new FeedEngagementActor(services, settings, budget, heartbeatInterval));
    }

    protected override async Task<int> CaptureAsync(MediaCaptureRun run)
    {
        await PurgeAsync(run.AccountId, run.Stats, run.Cancellation);
        var feed = new FeedRun(run, new PacedWork<FeedFinding>(), new BatchSlots(_settings.MaxNewPosts), new Engagement(_settings.AutoLike, _settings.AutoComment));
        feed.Requests.Add(token => ReadPageAsync(feed, 0, null, token));
        var writer = new FeedWriter(run, _services, _settings);
        await run.RunAsync(feed.Requests, writer.WriteAsync);
        return run.Stats.Get("posts_new");
    }

    private async Task PurgeAsync(long accountId, Stats stats, CancellationToken cancellationToken)
    {
        foreach (var post in await _services.Posts.DueForPurgeAsync(accountId, DateTime.UtcNow, cancellationToken))
        {
            // Content-addressed: another post may share the bytes, but an expired post's copy is never needed again.
            _services.Blobs.Delete(post.MediaBlobKey!);
            await _services.Posts.MarkPurgedAsync(post.Id, cancellationToken);
            stats.Add("media_purged", 1);
        }
    }

    /// <summary>One feed page: its new posts are found here; their media, likes and comments, and the next page, are queued behind it.</summary>
    private async Task<IReadOnlyList<FeedFinding>> ReadPageAsync(FeedRun feed, int round, string? cursor, CancellationToken cancellationToken)
    {
        var run = feed.Run;
        var page = await run.Instagram.GetHomeFeedAsync(run.Work.Session, cursor, cancellationToken);
        var posts = page.Items.Where(p => !string.IsNullOrEmpty(p.Shortcode)).DistinctBy(p => p.Shortcode, StringComparer.Ordinal).ToList();
        var captured = await _services.Posts.CapturedShortcodesAsync(run.AccountId, posts.Select(p => p.Shortcode!).ToList(), cancellationToken);
        var found = new List<FeedFinding>();
        foreach (var post in posts)
        {
            if (captured.Contains(post.Shortcode!))
            {
                run.Stats.Add("posts_already_captured", 1);
                continue;
            }
            if (!feed.Batch.TryTake()) break;
            found.Add(new PostFound(post));
            if (post.ImageUrl is { } url)
                feed.Requests.Add(async token => [new PostMediaDownloaded(post, await run.DownloadAsync(url, token))]);
            if (post.OwnerUsername is null) continue; // no author to record the engagement under
            if (feed.Engagement.Like) feed.Requests.Add(token => LikeAsync(feed, post, token), wanted: () => feed.Engagement.Like);
            if (feed.Engagement.Comment && FeedCommentComposer.Compose(post.Caption, post.Id) is { } text)
                feed.Requests.Add(token => CommentAsync(feed, post, text, token), wanted: () => feed.Engagement.Comment);
        }
        if (round + 1 < _settings.Rounds && page is { HasNext: true, NextCursor: { } next } && !feed.Batch.Full)
            feed.Requests.AddAfter(_settings.PageDelay, token => ReadPageAsync(feed, round + 1, next, token), run.Cancellation);
        return found;
    }

    private static async Task<IReadOnlyList<FeedFinding>> LikeAsync(FeedRun feed, Post post, CancellationToken cancellationToken)
    {
        if (!feed.Engagement.Like) return [];
        try
        {
            await feed.Run.Instagram.LikePostAsync(feed.Run.Work.Session, post.Id, cancellationToken);
            return [new PostLiked(post)];
        }
        catch (DailyCapReachedException)
        {
            feed.Engagement.Like = false;
            feed.Run.Stats.Add("likes_capped", 1);
            return [];
        }
    }

    private static async Task<IReadOnlyList<FeedFinding>> CommentAsync(FeedRun feed, Post post, string text, CancellationToken cancellationToken)
    {
        if (!feed.Engagement.Comment) return [];
        try
        {
            var comment = await feed.Run.Instagram.CommentOnPostAsync(feed.Run.Work.Session, post.Id, text, cancellationToken);
            return [new PostCommented(post, comment.Id)];
        }
        catch (DailyCapReachedException)
        {
            feed.Engagement.Comment = false;
            feed.Run.Stats.Add("comments_capped", 1);
            return [];
        }
    }

    /// <summary>The run's shared state: its requests, the places left for new posts, what engagement the caps still allow.</summary>
    private sealed record FeedRun(MediaCaptureRun Run, PacedWork<FeedFinding> Requests, BatchSlots Batch, Engagement Engagement);

    /// <summary>What is still allowed this run: a used-up cap stops that action until tomorrow.</summary>
    private sealed class Engagement(bool like, bool comment)
    {
        private volatile bool _like = like;
        private volatile bool _comment = comment;

        public bool Like { get => _like; set => _like = value; }
        public bool Comment { get => _comment; set => _comment = value; }
    }

    private abstract record FeedFinding(Post Post);

    private sealed record PostFound(Post Post) : FeedFinding(Post);

    private sealed record PostMediaDownloaded(Post Post, MediaDownload Media) : FeedFinding(Post);

    private sealed record PostLiked(Post Post) : FeedFinding(Post);

    private sealed record PostCommented(Post Post, string CommentId) : FeedFinding(Post);

    /// <summary>Writes the findings in order: a post's row comes before its media and engagement (its page's request ran first).</summary>
    private sealed class FeedWriter(MediaCaptureRun run, FeedEngagementServices services, FeedEngagementSettings settings)
    {
        private readonly ConcurrentDictionary<string, (long PostId, long? AuthorId)> _captured = new(StringComparer.Ordinal);

        public Task WriteAsync(FeedFinding finding) => finding switch
        {
            PostFound found => CaptureAsync(found.Post),
            PostMediaDownloaded downloaded => AttachAsync(downloaded),
            PostLiked liked => RecordAsync(liked.Post, ProfileEventKinds.PostLiked, liked.Post.Id, "likes_sent"),
            PostCommented commented => RecordAsync(commented.Post, ProfileEventKinds.PostCommentSent, commented.CommentId, "comments_sent"),
            _ => throw new ArgumentOutOfRangeException(nameof(finding)),
        };

        private async Task CaptureAsync(Post post)
        {
            long? authorId = post.OwnerUsername is { } author ? await run.AuthorAsync(new ProfileSnapshot(run.AccountId, author, post.OwnerId)) : null;
            var (postId, created) = await services.Posts.CaptureAsync(new InstagramPost
            {
                InstagramAccountId = run.AccountId,
                InstagramProfileId = authorId,
                Shortcode = post.Shortcode!,
                AuthorUsername = post.OwnerUsername,
                AuthorIgUserId = post.OwnerId,
                Caption = post.Caption,
                DetectedAt = DateTime.UtcNow,
                TakenAt = post.TakenAt?.UtcDateTime,
                MediaUrl = post.ImageUrl ?? post.VideoUrl,
                PostKind = post.Type == MediaType.Video ? PostKind.Reel : PostKind.Post,
                Status = FeedPostStatus.Pending,
            }, run.Cancellation);
            if (!created)
            {
                // Captured by another run since this one read the page: its media is that run's.
                run.Stats.Add("posts_already_captured", 1);
                return;
            }
            _captured[post.Shortcode!] = (postId, authorId);
            run.Stats.Add("posts_new", 1);
        }

        private async Task AttachAsync(PostMediaDownloaded downloaded)
        {
            if (!_captured.TryGetValue(downloaded.Post.Shortcode!, out var post)) return;
            await run.StoreAsync(downloaded.Media, stored => services.Posts.AttachMediaAsync(post.PostId, stored.BlobKey, stored.ContentType, stored.ByteSize,
                DateTime.UtcNow + settings.MediaRetention, run.Cancellation));
        }

        private async Task RecordAsync(Post post, string kind, string externalId, string stat)
        {
            // The action went out: it is recorded under the author even if another run captured the post.
            var authorId = _captured.TryGetValue(post.Shortcode!, out var captured) && captured.AuthorId is { } known
                ? known
                : await run.AuthorAsync(new ProfileSnapshot(run.AccountId, post.OwnerUsername!, post.OwnerId));
            await services.Events.RecordAsync(authorId, kind, externalId, DateTime.UtcNow,
                new ProfileEventMetadata { Source = "feed_engagement", OwnerUsername = post.OwnerUsername }, run.Cancellation);
            run.Stats.Add(stat, 1);
        }
    }
}

/// <summary>What feed engagement uses; one instance per node.</summary>
public sealed record FeedEngagementServices(
    AccountWorkContextLoader Context,
    IInstagramClient Instagram,
    ProfileRepository Profiles,
    ProfileEventRepository Events,
    FeedPostRepository Posts,
    BlobStore Blobs)
{
    public MediaCaptureServices Capture => new(Context, Instagram, Profiles, Blobs);
}
