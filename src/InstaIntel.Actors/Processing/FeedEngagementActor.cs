using System.Collections.Immutable;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
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
/// feed (a stream throttled to the account's budget, paced like scrolling), captures new posts once per shortcode
/// with their media, and likes and comments on them within the account's daily caps, each recorded as a profile
/// event (<c>post_liked</c>, <c>post_comment_sent</c>) of the post's author.
/// </summary>
public sealed class FeedEngagementActor : PhaseChild
{
    private readonly FeedEngagementServices _services;
    private readonly FeedEngagementSettings _settings;
    private readonly RequestBudgetSettings _budget;

    public FeedEngagementActor(FeedEngagementServices services, FeedEngagementSettings settings, RequestBudgetSettings budget, TimeSpan heartbeatInterval)
        : base(heartbeatInterval)
    {
        _services = services;
        _settings = settings;
        _budget = budget;
    }

    public static Props Props(FeedEngagementServices services, FeedEngagementSettings settings, RequestBudgetSettings budget, TimeSpan heartbeatInterval) =>
        Akka.Actor.Props.Create(() => new FeedEngagementActor(services, settings, budget, heartbeatInterval));

    protected override async Task<ImmutableDictionary<string, int>> RunAsync(StartPhase start, SharedKillSwitch killSwitch, CancellationToken cancellationToken)
    {
        var mediaAnalysis = Context.ActorSelection(Context.Parent.Path / "media-analysis");
        var work = await _services.Context.LoadAsync(start.Username, start.InstagramUserId, cancellationToken);
        var stats = new Stats();
        await PurgeAsync(work.AccountId, stats, cancellationToken);

        var engagement = new Engagement(_settings.AutoLike, _settings.AutoComment);
        var captured = 0;
        await Source.UnfoldAsync((Round: 0, Cursor: (string?)null, More: true), async state =>
            {
                if (!state.More || state.Round >= _settings.Rounds) return Akka.Util.Option<((int, string?, bool), Page<Post>)>.None;
                if (state.Round > 0) await Task.Delay(_settings.PageDelay, cancellationToken);
                var page = await _services.Instagram.GetHomeFeedAsync(work.Session, state.Cursor, cancellationToken);
                return ((state.Round + 1, page.NextCursor, page.HasNext && page.NextCursor is not null), page);
            })
            .Via(killSwitch.Flow<Page<Post>>())
            .SelectMany(page => page.Items)
            .Where(post => !string.IsNullOrEmpty(post.Shortcode))
            .Throttle(_budget.RequestsPerWindow, _budget.Window, _budget.RequestsPerWindow, ThrottleMode.Shaping)
            .SelectAsync(1, async post =>
            {
                if (Volatile.Read(ref captured) >= _settings.MaxNewPosts) return false;
                var isNew = await CaptureAsync(work, post, engagement, stats, cancellationToken);
                if (isNew) Interlocked.Increment(ref captured);
                return isNew;
            })
            .TakeWhile(_ => Volatile.Read(ref captured) < _settings.MaxNewPosts, inclusive: true)
            .RunWith(Sink.Ignore<bool>(), Materializer);

        mediaAnalysis.Tell(new MediaCaptured(start.RunId, stats.Get("posts_new")));
        return stats.ToImmutable();
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

    private async Task<bool> CaptureAsync(AccountWorkContext work, Post post, Engagement engagement, Stats stats, CancellationToken cancellationToken)
    {
        long? authorId = post.OwnerUsername is { } author
            ? await _services.Profiles.UpsertAsync(new Storage.Profiles.ProfileSnapshot(work.AccountId, author, post.OwnerId), cancellationToken)
            : null;
        var (postId, created) = await _services.Posts.CaptureAsync(new InstagramPost
        {
            InstagramAccountId = work.AccountId,
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
        }, cancellationToken);
        if (!created)
        {
            stats.Add("posts_already_captured", 1);
            return false;
        }
        stats.Add("posts_new", 1);

        if (post.ImageUrl is { } url)
        {
            var media = await _services.Instagram.DownloadMediaAsync(work.Session, new Uri(url), cancellationToken);
            var (key, _) = await _services.Blobs.PutAsync(media.Bytes, cancellationToken);
            await _services.Posts.AttachMediaAsync(postId, key, media.ContentType, media.Bytes.Length, DateTime.UtcNow + _settings.MediaRetention, cancellationToken);
            stats.Add("media_downloaded", 1);
        }
        if (authorId is { } profileId)
            await EngageAsync(work, post, profileId, engagement, stats, cancellationToken);
        return true;
    }

    private async Task EngageAsync(AccountWorkContext work, Post post, long profileId, Engagement engagement, Stats stats, CancellationToken cancellationToken)
    {
        if (engagement.Like)
        {
            try
            {
                await _services.Instagram.LikePostAsync(work.Session, post.Id, cancellationToken);
                await _services.Events.RecordAsync(profileId, ProfileEventKinds.PostLiked, post.Id, DateTime.UtcNow,
                    new ProfileEventMetadata { Source = "feed_engagement", OwnerUsername = post.OwnerUsername }, cancellationToken);
                stats.Add("likes_sent", 1);
            }
            catch (DailyCapReachedException)
            {
                engagement.Like = false;
                stats.Add("likes_capped", 1);
            }
        }
        if (engagement.Comment && FeedCommentComposer.Compose(post.Caption, post.Id) is { } text)
        {
            try
            {
                var comment = await _services.Instagram.CommentOnPostAsync(work.Session, post.Id, text, cancellationToken);
                await _services.Events.RecordAsync(profileId, ProfileEventKinds.PostCommentSent, comment.Id, DateTime.UtcNow,
                    new ProfileEventMetadata { Source = "feed_engagement", OwnerUsername = post.OwnerUsername }, cancellationToken);
                stats.Add("comments_sent", 1);
            }
            catch (DailyCapReachedException)
            {
                engagement.Comment = false;
                stats.Add("comments_capped", 1);
            }
        }
    }

    /// <summary>What is still allowed this run: a used-up cap stops that action until tomorrow.</summary>
    private sealed class Engagement(bool like, bool comment)
    {
        public bool Like { get; set; } = like;
        public bool Comment { get; set; } = comment;
    }
}

/// <summary>What feed engagement uses; one instance per node.</summary>
public sealed record FeedEngagementServices(
    AccountWorkContextLoader Context,
    IInstagramClient Instagram,
    ProfileRepository Profiles,
    ProfileEventRepository Events,
    FeedPostRepository Posts,
    BlobStore Blobs);
