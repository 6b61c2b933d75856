using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Profiles;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Storage.Posts;

namespace InstaIntel.Actors.Processing.ProfileSync;

/// <summary>A profile a phase works on, with the action log that records it.</summary>
internal sealed record ProfileTarget(InstagramProfile Profile, long LogId);

/// <summary>What the profile-scan crawl found, in the order the writer needs it (posts before their comments).</summary>
internal abstract record ScanFinding(ProfileTarget Target);

internal sealed record ScanStarted(ProfileTarget Target, DateTime At) : ScanFinding(Target);

internal sealed record PostsFound(ProfileTarget Target, IReadOnlyList<Post> Posts) : ScanFinding(Target);

internal sealed record CommentsFound(ProfileTarget Target, Post Post, IReadOnlyList<Comment> Comments) : ScanFinding(Target);

/// <summary>A recent post's media, downloaded (or gone: <paramref name="Media"/> null and <paramref name="Failure"/> says why).</summary>
internal sealed record PostMediaFound(ProfileTarget Target, Post Post, MediaDownload? Media, string? Failure) : ScanFinding(Target);

internal sealed record ScanFinished(ProfileTarget Target) : ScanFinding(Target);

internal sealed record ScanSkipped(ProfileTarget Target, string Reason) : ScanFinding(Target);

internal sealed record ScanFailed(ProfileTarget Target, string Error) : ScanFinding(Target);

/// <summary>
/// The profile scan: the recent posts of the profiles due for one (followed, not tagged <c>profile_scan_excluded</c>,
/// never or least recently captured first) into <c>instagram_profile_posts</c>, and each post's first comments into
/// <c>instagram_profile_post_comments</c>, and the media of those taken within <see cref="ProfileSyncSettings.PostMediaWithin"/>
/// that have none stored yet into the blob store (so the workspace queue can analyse them); an action log
/// <c>capture_posts</c> per profile. A private profile is skipped
/// with a reason; a profile that no longer exists fails its log; anything else (session, rate limit, outage) fails the run.
/// </summary>
internal static class ProfileScan
{
    public static async Task<ImmutableDictionary<string, int>> RunAsync(ProfileSyncRun run)
    {
        var writer = new ScanWriter(run);
        var targets = new List<ProfileTarget>();
        try
        {
            if (await ActionLogs.TargetOfAsync(run) is { } target)
                targets.Add(target);
            IReadOnlyList<Domain.Profiles.InstagramProfile> due = run.Start.Target is not null ? [] : await run.Stores.Profiles.ListDueForScanAsync(run.AccountId, InstagramProfileActionLog.Actions.CapturePosts,
                ProfileTag.WellKnown.ProfileScanExcluded, DateTime.UtcNow - run.Settings.ProfileScanMinInterval, run.Settings.ProfileScanBatchSize, run.Cancellation);
            foreach (var profile in due)
                targets.Add(new ProfileTarget(profile, await run.Stores.ActionLogs.QueueAsync(run.AccountId, profile.Id,
                    InstagramProfileActionLog.Actions.CapturePosts, run.Start.Trigger, ActionLogs.RunMetadata(run), run.Cancellation)));
            await run.RunAsync<ScanFinding>(new ScanCrawl(run, targets).NextAsync, writer.WriteAsync);
        }
        catch (Exception error)
        {
            await ActionLogs.FailUnfinishedAsync(run, targets, error);
            throw;
        }
        return writer.Stats(targets.Count);
    }

    /// <summary>The media a post is analysed from: its video or image, or a carousel's first item.</summary>
    private static string? MediaUrlOf(Post post) => ScanWriter.MediaUrls(post).FirstOrDefault();

    /// <summary>Per step one request: a profile's grid, one post's first comments page, or one post's media.</summary>
    private sealed class ScanCrawl(ProfileSyncRun run, IEnumerable<ProfileTarget> targets)
    {
        private readonly Queue<ProfileTarget> _targets = new(targets);
        private readonly Queue<Post> _awaitingComments = new();
        private readonly Queue<(Post Post, string Url)> _awaitingMedia = new();
        private ProfileTarget? _current;

        private bool ProfileUnfinished => _awaitingComments.Count > 0 || _awaitingMedia.Count > 0;

        public async Task<CrawlStep<ScanFinding>> NextAsync(CancellationToken cancellationToken)
        {
            if (_current is { } current && ProfileUnfinished)
            {
                var found = new List<ScanFinding>();
                if (_awaitingComments.TryDequeue(out var post))
                {
                    try
                    {
                        var comments = await run.Instagram.GetCommentsAsync(run.Account.Session, post.Id, null, cancellationToken);
                        found.Add(new CommentsFound(current, post, comments.Items.Take(run.Settings.CommentsPerPost).ToList()));
                    }
                    catch (NotFoundException)
                    {
                        // Deleted between the grid and its comments: the post is stored, it just has none.
                    }
                }
                else if (_awaitingMedia.TryDequeue(out var media))
                {
                    try
                    {
                        var download = await run.Instagram.DownloadMediaAsync(run.Account.Session, new Uri(media.Url), cancellationToken);
                        found.Add(new PostMediaFound(current, media.Post, download, download.Bytes.Length == 0 ? ProfileSyncReasons.MediaEmpty : null));
                    }
                    catch (NotFoundException)
                    {
                        // The media is gone (the post deleted, or its CDN link expired): recorded, and the scan goes on.
                        found.Add(new PostMediaFound(current, media.Post, null, ProfileSyncReasons.MediaNotFound));
                    }
                }
                if (!ProfileUnfinished) found.Add(new ScanFinished(current));
                return Step(found);
            }

            if (!_targets.TryDequeue(out var target)) return CrawlStep<ScanFinding>.Done;
            _current = target;
            var started = new ScanStarted(target, DateTime.UtcNow);
            try
            {
                var grid = await run.Instagram.GetRecentPostsAsync(run.Account.Session, target.Profile.Username, cancellationToken);
                // Newest by time, not by grid position: pinned posts lead the grid whatever their age.
                var posts = grid.Items.Where(p => !string.IsNullOrEmpty(p.Shortcode))
                    .OrderByDescending(p => p.TakenAt)
                    .Take(run.Settings.PostsPerProfile)
                    .ToList();
                if (run.Settings.CommentsPerPost > 0)
                    foreach (var withComments in posts.Where(p => p.CommentCount > 0))
                        _awaitingComments.Enqueue(withComments);
                await QueueMediaAsync(target, posts, cancellationToken);
                List<ScanFinding> found = [started, new PostsFound(target, posts)];
                if (!ProfileUnfinished) found.Add(new ScanFinished(target));
                return Step(found);
            }
            catch (PrivateProfileException)
            {
                return Step([started, new ScanSkipped(target, ProfileSyncReasons.PrivateProfile)]);
            }
            catch (NotFoundException)
            {
                return Step([started, new ScanFailed(target, ProfileSyncReasons.ProfileNotFound)]);
            }
        }

        /// <summary>The recent posts whose media is not stored yet: a post already downloaded costs no request.</summary>
        private async Task QueueMediaAsync(ProfileTarget target, IReadOnlyList<Post> posts, CancellationToken cancellationToken)
        {
            if (run.Settings.PostMediaWithin <= TimeSpan.Zero) return;
            var recentSince = DateTimeOffset.UtcNow - run.Settings.PostMediaWithin;
            var recent = posts.Where(p => p.TakenAt >= recentSince && MediaUrlOf(p) is not null).ToList();
            if (recent.Count == 0) return;
            var stored = await run.Stores.Posts.ShortcodesWithMediaAsync(target.Profile.Id, recent.Select(p => p.Shortcode!).ToList(), cancellationToken);
            foreach (var post in recent.Where(p => !stored.Contains(p.Shortcode!)))
                _awaitingMedia.Enqueue((post, MediaUrlOf(post)!));
        }

        private CrawlStep<ScanFinding> Step(IReadOnlyList<ScanFinding> found) => new(found, _targets.Count == 0 && !ProfileUnfinished);
    }

    /// <summary>Stores the findings in order and moves each profile's action log along.</summary>
    private sealed class ScanWriter(ProfileSyncRun run)
    {
        private readonly Dictionary<(long Profile, string Shortcode), long> _postIds = [];
        private readonly Dictionary<long, (int Posts, int NewComments)> _perLog = [];
        private int _scanned, _skipped, _failed, _posts, _newComments, _mediaDownloaded, _mediaFailed;

        public async Task WriteAsync(ScanFinding finding)
        {
            var logs = run.Stores.ActionLogs;
            var logId = finding.Target.LogId;
            var profile = finding.Target.Profile;
            var token = run.Cancellation;
            switch (finding)
            {
                case ScanStarted started:
                    await logs.MarkRunningAsync(logId, started.At, token);
                    break;
                case PostsFound found:
                    foreach (var post in found.Posts)
                        _postIds[(profile.Id, post.Shortcode!)] = await run.Stores.Posts.UpsertCapturedAsync(ToRow(profile, post), token);
                    if (found.Posts.Max(p => p.TakenAt) is { } newest)
                        await run.Stores.Profiles.AdvanceLastPostAtAsync(profile.Id, newest.UtcDateTime, token);
                    _perLog[logId] = (found.Posts.Count, 0);
                    _posts += found.Posts.Count;
                    break;
                case CommentsFound found:
                    var postId = _postIds[(profile.Id, found.Post.Shortcode!)];
                    var added = await run.Stores.Posts.AddNewCommentsAsync(postId, found.Comments.Select(c => ToRow(profile, c)).ToList(), token);
                    _perLog[logId] = _perLog[logId] with { NewComments = _perLog[logId].NewComments + added };
                    _newComments += added;
                    break;
                case PostMediaFound { Media: { } media, Failure: null } found:
                    var (key, created) = await run.Stores.Blobs.PutAsync(media.Bytes, token);
                    await run.Stores.Posts.AttachMediaAsync(_postIds[(profile.Id, found.Post.Shortcode!)], key, media.ContentType, media.Bytes.Length,
                        created ? PostDownloadStatus.Downloaded : PostDownloadStatus.AlreadyDownloaded, ProfilePostRepository.UrlFingerprint(media.Url), token);
                    _mediaDownloaded++;
                    break;
                case PostMediaFound found:
                    await run.Stores.Posts.RecordDownloadFailedAsync(_postIds[(profile.Id, found.Post.Shortcode!)],
                        found.Failure == ProfileSyncReasons.MediaEmpty ? PostDownloadStatus.CorruptDetected : PostDownloadStatus.Failed, found.Failure!, token);
                    _mediaFailed++;
                    break;
                case ScanFinished:
                    var (posts, comments) = _perLog.GetValueOrDefault(logId);
                    await logs.MarkSucceededAsync(logId, DateTime.UtcNow, $"captured {posts} posts, {comments} new comments",
                        new JsonObject { ["posts"] = posts, ["comments_new"] = comments }, token);
                    _scanned++;
                    break;
                case ScanSkipped skipped:
                    await logs.MarkSucceededAsync(logId, DateTime.UtcNow, $"skipped: {skipped.Reason}",
                        new JsonObject { ["skipped"] = true, ["reason_code"] = skipped.Reason }, token);
                    _skipped++;
                    break;
                case ScanFailed failed:
                    await logs.MarkFailedAsync(logId, DateTime.UtcNow, failed.Error, new JsonObject { ["reason_code"] = failed.Error }, token);
                    _failed++;
                    break;
            }
        }

        private InstagramProfilePost ToRow(InstagramProfile profile, Post post) => new()
        {
            InstagramAccountId = run.AccountId,
            InstagramProfileId = profile.Id,
            Shortcode = post.Shortcode!,
            Permalink = new Uri(run.Settings.PermalinkBase, $"p/{post.Shortcode}/").AbsoluteUri,
            SourceMediaUrl = post.VideoUrl ?? post.ImageUrl,
            Caption = post.Caption,
            LikesCount = Count(post.LikeCount),
            CommentsCount = Count(post.CommentCount),
            TakenAt = post.TakenAt?.UtcDateTime,
            Metadata = new ProfilePostMetadata
            {
                // Capture facts beside the pipeline's contracts: the media id the comments and the media download need.
                AdditionalFields = CaptureFacts(post),
            },
        };

        private Dictionary<string, JsonElement> CaptureFacts(Post post)
        {
            var facts = new Dictionary<string, JsonElement>
            {
                ["media_id"] = JsonSerializer.SerializeToElement(post.Id),
                ["media_type"] = JsonSerializer.SerializeToElement(SeedString.Of(post.Type)),
                ["media_urls"] = JsonSerializer.SerializeToElement(MediaUrls(post)),
            };
            // Written when the post is first stored only: a post too old for its media to be fetched says so.
            if (run.Settings.PostMediaWithin <= TimeSpan.Zero || !(post.TakenAt >= DateTimeOffset.UtcNow - run.Settings.PostMediaWithin))
                ProfilePostRepository.SetDownload(facts, PostDownloadStatus.Skipped, ProfileSyncReasons.OutsideRecentWindow, DateTime.UtcNow);
            return facts;
        }

        internal static IReadOnlyList<string> MediaUrls(Post post) =>
            (post.Children.Count > 0 ? post.Children.Select(c => c.VideoUrl ?? c.ImageUrl) : [post.VideoUrl ?? post.ImageUrl]).OfType<string>().ToList();

        private static InstagramProfilePostComment ToRow(InstagramProfile profile, Comment comment) => new()
        {
            InstagramProfileId = profile.Id,
            AuthorUsername = comment.Author?.Username,
            Body = comment.Text,
            CommentedAt = comment.CreatedAt?.UtcDateTime,
            Metadata = new JsonObject
            {
                [ProfilePostRepository.CommentIdKey] = comment.Id,
                ["author_ig_user_id"] = comment.Author?.Id,
                ["like_count"] = comment.LikeCount,
            },
        };

        private static int Count(long? value) => value is { } v ? (int)Math.Clamp(v, 0, int.MaxValue) : 0;

        public ImmutableDictionary<string, int> Stats(int due) => ImmutableDictionary<string, int>.Empty
            .Add("profiles_due", due)
            .Add("profiles_scanned", _scanned)
            .Add("profiles_skipped_private", _skipped)
            .Add("profiles_failed", _failed)
            .Add("posts", _posts)
            .Add("comments_new", _newComments)
            .Add("post_media_downloaded", _mediaDownloaded)
            .Add("post_media_failed", _mediaFailed);
    }
}
