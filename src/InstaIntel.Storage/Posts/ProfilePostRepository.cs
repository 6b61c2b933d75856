using System.Text.Json.Nodes;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Posts;

/// <summary>
/// <c>instagram_profile_posts</c>: the capture upsert keyed by (profile, shortcode); and the post's captured comments
/// (<c>instagram_profile_post_comments</c>), once per Instagram comment id.
/// </summary>
public sealed class ProfilePostRepository(InstaIntelDbFactory factory)
{
    /// <summary>
    /// Stores a captured post: a new post is inserted pending analysis; a known one gets the new snapshot
    /// (caption, counts, locator, times) while its analysis state and metadata, owned by the pipeline, stay.
    /// </summary>
    /// <returns>the post's id.</returns>
    public async Task<long> UpsertCapturedAsync(InstagramProfilePost captured, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        await db.InstagramProfilePosts.InsertOrUpdateAsync(
            () => new InstagramProfilePost
            {
                InstagramAccountId = captured.InstagramAccountId,
                InstagramProfileId = captured.InstagramProfileId,
                Shortcode = captured.Shortcode,
                Permalink = captured.Permalink,
                SourceMediaUrl = captured.SourceMediaUrl,
                Caption = captured.Caption,
                LikesCount = captured.LikesCount,
                CommentsCount = captured.CommentsCount,
                TakenAt = captured.TakenAt,
                LastSyncedAt = now,
                AiStatus = ProfilePostAiStatus.Pending,
                Metadata = captured.Metadata,
                CreatedAt = now,
                UpdatedAt = now,
            },
            existing => new InstagramProfilePost
            {
                Permalink = captured.Permalink ?? existing.Permalink,
                SourceMediaUrl = captured.SourceMediaUrl ?? existing.SourceMediaUrl,
                Caption = captured.Caption,
                LikesCount = captured.LikesCount,
                CommentsCount = captured.CommentsCount,
                TakenAt = captured.TakenAt ?? existing.TakenAt,
                LastSyncedAt = now,
                UpdatedAt = now,
            },
            () => new InstagramProfilePost { InstagramProfileId = captured.InstagramProfileId, Shortcode = captured.Shortcode },
            cancellationToken);
        return await db.InstagramProfilePosts
            .Where(p => p.InstagramProfileId == captured.InstagramProfileId && p.Shortcode == captured.Shortcode)
            .Select(p => p.Id)
            .FirstAsync(cancellationToken);
    }

    public async Task<InstagramProfilePost?> FindAsync(long instagramProfileId, string shortcode, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfilePosts.FirstOrDefaultAsync(p => p.InstagramProfileId == instagramProfileId && p.Shortcode == shortcode, cancellationToken);
    }

    public async Task<IReadOnlyList<InstagramProfilePost>> ListAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfilePosts.Where(p => p.InstagramProfileId == instagramProfileId).OrderBy(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Stores the comments the post does not hold yet. The seed's table has no column for Instagram's comment id, so
    /// it lives in <c>metadata.comment_id</c> (<see cref="CommentIdKey"/>) and new comments are found by reading the
    /// post's stored ids (a capture keeps a few per post). Two writers of the same post could both insert a comment:
    /// the account's phases run one at a time, so only one captures a profile's posts.
    /// </summary>
    /// <returns>how many comments were new.</returns>
    public async Task<int> AddNewCommentsAsync(long postId, IReadOnlyList<InstagramProfilePostComment> comments, CancellationToken cancellationToken = default)
    {
        if (comments.Count == 0) return 0;
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var stored = (await db.InstagramProfilePostComments.Where(c => c.InstagramProfilePostId == postId).Select(c => c.Metadata).ToListAsync(cancellationToken))
            .Select(CommentIdOf)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var now = DateTime.UtcNow;
        var added = 0;
        foreach (var comment in comments)
        {
            var id = CommentIdOf(comment.Metadata) ?? throw new ArgumentException($"a captured comment needs metadata.{CommentIdKey}", nameof(comments));
            if (!stored.Add(id)) continue;
            comment.InstagramProfilePostId = postId;
            comment.CreatedAt = now;
            comment.UpdatedAt = now;
            await db.InsertAsync(comment, token: cancellationToken);
            added++;
        }
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<InstagramProfilePostComment>> ListCommentsAsync(long postId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfilePostComments.Where(c => c.InstagramProfilePostId == postId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Records where the post's media bytes are (the blob store's key): the post can then be analysed.</summary>
    public async Task AttachMediaAsync(long id, string blobKey, string? contentType, long byteSize, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await db.InstagramProfilePosts.Where(p => p.Id == id)
            .Set(p => p.MediaBlobKey, blobKey)
            .Set(p => p.MediaContentType, contentType)
            .Set(p => p.MediaByteSize, byteSize)
            .Set(p => p.UpdatedAt, DateTime.UtcNow)
            .UpdateAsync(cancellationToken);
    }

    /// <summary>
    /// The post's media is stored: where it is, the fingerprint of the URL it came from, and <c>metadata.download_status</c>
    /// (a failure recorded earlier is cleared), all in one update.
    /// </summary>
    public async Task AttachMediaAsync(long id, string blobKey, string? contentType, long byteSize, PostDownloadStatus status, string urlFingerprint,
        CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var stored = await db.InstagramProfilePosts.Where(p => p.Id == id).Select(p => p.Metadata).FirstAsync(cancellationToken);
        var now = DateTime.UtcNow;
        await db.InstagramProfilePosts.Where(p => p.Id == id)
            .Set(p => p.MediaBlobKey, blobKey)
            .Set(p => p.MediaContentType, contentType)
            .Set(p => p.MediaByteSize, byteSize)
            .Set(p => p.MediaUrlFingerprint, urlFingerprint)
            .Set(p => p.Metadata, WithDownload(stored, status, null, now))
            .Set(p => p.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }

    /// <summary>The post's media could not be stored: <c>metadata.download_status</c> and <c>download_reason_code</c> say why.</summary>
    public async Task RecordDownloadFailedAsync(long id, PostDownloadStatus status, string reasonCode, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var stored = await db.InstagramProfilePosts.Where(p => p.Id == id).Select(p => p.Metadata).FirstAsync(cancellationToken);
        var now = DateTime.UtcNow;
        await db.InstagramProfilePosts.Where(p => p.Id == id)
            .Set(p => p.Metadata, WithDownload(stored, status, reasonCode, now))
            .Set(p => p.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }

    /// <summary>Which of <paramref name="shortcodes"/> of the profile already have their media stored.</summary>
    public async Task<IReadOnlySet<string>> ShortcodesWithMediaAsync(long instagramProfileId, IReadOnlyCollection<string> shortcodes, CancellationToken cancellationToken = default)
    {
        if (shortcodes.Count == 0) return new HashSet<string>();
        await using var db = factory.Open();
        var found = await db.InstagramProfilePosts
            .Where(p => p.InstagramProfileId == instagramProfileId && shortcodes.Contains(p.Shortcode) && p.MediaBlobKey != null)
            .Select(p => p.Shortcode)
            .ToListAsync(cancellationToken);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// <c>media_url_fingerprint</c>: SHA-256 of the media URL without its query, so a CDN link re-signed with new
    /// parameters still names the same media.
    /// </summary>
    public static string UrlFingerprint(Uri url) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(url.GetLeftPart(UriPartial.Path))));

    public const string DownloadStatusKey = "download_status";
    public const string DownloadReasonKey = "download_reason_code";
    public const string DownloadedAtKey = "download_updated_at";

    /// <summary>Writes the download keys (status, reason code or none, time) into a post's extra metadata fields.</summary>
    public static void SetDownload(IDictionary<string, System.Text.Json.JsonElement> fields, PostDownloadStatus status, string? reasonCode, DateTime now)
    {
        fields[DownloadStatusKey] = System.Text.Json.JsonSerializer.SerializeToElement(Domain.Common.SeedString.Of(status));
        fields[DownloadedAtKey] = System.Text.Json.JsonSerializer.SerializeToElement(now);
        if (reasonCode is null) fields.Remove(DownloadReasonKey);
        else fields[DownloadReasonKey] = System.Text.Json.JsonSerializer.SerializeToElement(reasonCode);
    }

    private static ProfilePostMetadata WithDownload(ProfilePostMetadata? stored, PostDownloadStatus status, string? reasonCode, DateTime now)
    {
        var extra = new Dictionary<string, System.Text.Json.JsonElement>(stored?.AdditionalFields ?? new Dictionary<string, System.Text.Json.JsonElement>());
        SetDownload(extra, status, reasonCode, now);
        return (stored ?? new ProfilePostMetadata()) with { AdditionalFields = extra };
    }

    /// <summary>The account's posts waiting for analysis whose media is stored, oldest first.</summary>
    public async Task<IReadOnlyList<InstagramProfilePost>> ListPendingAnalysisAsync(long instagramAccountId, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return [];
        await using var db = factory.Open();
        return await db.InstagramProfilePosts
            .Where(p => p.InstagramAccountId == instagramAccountId && p.AiStatus == ProfilePostAiStatus.Pending && p.MediaBlobKey != null)
            .OrderBy(p => p.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The post is <c>analyzed</c>: provider, model and analysis set, the metadata contracts merged over the stored ones.</summary>
    public async Task RecordAnalyzedAsync(long id, string provider, string? model, JsonObject analysis, ProfilePostMetadata outputs, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        var merged = Mapping.JsonMerge.Shallow(await db.InstagramProfilePosts.Where(p => p.Id == id).Select(p => p.Metadata).FirstOrDefaultAsync(cancellationToken), outputs);
        await db.InstagramProfilePosts.Where(p => p.Id == id)
            .Set(p => p.AiStatus, ProfilePostAiStatus.Analyzed)
            .Set(p => p.AiPipelineRunId, outputs.AiPipeline?.RunId)
            .Set(p => p.AiProvider, provider)
            .Set(p => p.AiModel, model)
            .Set(p => p.Analysis, analysis)
            .Set(p => p.AnalyzedAt, now)
            .Set(p => p.AiBlockingStep, (string?)null)
            .Set(p => p.AiPendingReasonCode, (string?)null)
            .Set(p => p.Metadata, merged)
            .Set(p => p.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }

    /// <summary>The post is <c>failed</c>; the reason goes to <c>ai_pending_reason_code</c>, the failed run (if any) to <c>metadata.ai_pipeline</c>.</summary>
    public async Task RecordAnalysisFailedAsync(long id, string error, AiPipeline? pipeline = null, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        var query = db.InstagramProfilePosts.Where(p => p.Id == id)
            .Set(p => p.AiStatus, ProfilePostAiStatus.Failed)
            .Set(p => p.AiPendingReasonCode, error.Length > 250 ? error[..250] : error)
            .Set(p => p.UpdatedAt, now);
        if (pipeline is not null)
        {
            var stored = await db.InstagramProfilePosts.Where(p => p.Id == id).Select(p => p.Metadata).FirstOrDefaultAsync(cancellationToken);
            query = query.Set(p => p.Metadata, Mapping.JsonMerge.Shallow(stored, new ProfilePostMetadata { AiPipeline = pipeline }))
                .Set(p => p.AiPipelineRunId, pipeline.RunId)
                .Set(p => p.AiBlockingStep, pipeline.Steps?.FirstOrDefault(s => s.Value.Status == AiPipelineStepStatus.Failed).Key);
        }
        await query.UpdateAsync(cancellationToken);
    }

    /// <summary>The account's posts taken (or, without a time, captured) since <paramref name="since"/>: the workspace queue's candidates, newest first.</summary>
    public async Task<IReadOnlyList<InstagramProfilePost>> ListRecentAsync(long instagramAccountId, DateTime since, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfilePosts
            .Where(p => p.InstagramAccountId == instagramAccountId && (p.TakenAt >= since || (p.TakenAt == null && p.CreatedAt >= since)))
            .OrderByDescending(p => p.TakenAt ?? p.CreatedAt).ThenByDescending(p => p.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The recent posts (as <see cref="ListRecentAsync"/>) with their profile's username: the workspace listing.</summary>
    public async Task<IReadOnlyList<(InstagramProfilePost Post, string Username)>> ListRecentWithProfileAsync(long instagramAccountId, DateTime since, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var rows = await (from p in db.InstagramProfilePosts
                          join profile in db.InstagramProfiles on p.InstagramProfileId equals profile.Id
                          where p.InstagramAccountId == instagramAccountId && (p.TakenAt >= since || (p.TakenAt == null && p.CreatedAt >= since))
                          orderby p.TakenAt ?? p.CreatedAt descending, p.Id descending
                          select new { p, profile.Username }).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(r => (r.p, r.Username)).ToList();
    }

    /// <summary>
    /// Merges the workspace's contracts (workspace_actions, history_build, comment_generation_policy) over the stored
    /// metadata and, when given, <paramref name="analysisKeys"/> over the stored analysis (the ranked comment suggestions).
    /// </summary>
    public async Task RecordWorkspaceAsync(long id, ProfilePostMetadata update, JsonObject? analysisKeys = null, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var stored = await db.InstagramProfilePosts.Where(p => p.Id == id).Select(p => new { p.Metadata, p.Analysis }).FirstAsync(cancellationToken);
        var metadata = Mapping.JsonMerge.Shallow(stored.Metadata, update);
        var analysis = stored.Analysis?.DeepClone().AsObject() ?? new JsonObject();
        if (analysisKeys is not null)
            foreach (var (key, value) in analysisKeys) analysis[key] = value?.DeepClone();
        var now = DateTime.UtcNow;
        var query = db.InstagramProfilePosts.Where(p => p.Id == id).Set(p => p.Metadata, metadata).Set(p => p.UpdatedAt, now);
        if (analysisKeys is not null) query = query.Set(p => p.Analysis, analysis);
        await query.UpdateAsync(cancellationToken);
    }

    /// <summary>The metadata key holding Instagram's id of a captured comment.</summary>
    public const string CommentIdKey = "comment_id";

    private static string? CommentIdOf(JsonObject? metadata) =>
        metadata?[CommentIdKey] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
}
