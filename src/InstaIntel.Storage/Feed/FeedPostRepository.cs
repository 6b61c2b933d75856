using System.Text.Json.Nodes;
using InstaIntel.Domain.Posts;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Feed;

/// <summary><c>instagram_posts</c>: home-feed posts captured once per (account, shortcode), their media and its purge.</summary>
public sealed class FeedPostRepository(InstaIntelDbFactory factory)
{
    /// <returns>the row's id and whether this capture created it (a repeat capture changes nothing but the counts' freshness).</returns>
    public async Task<(long Id, bool Created)> CaptureAsync(InstagramPost post, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(post.Shortcode);
        await using var db = factory.Open();
        var identity = db.InstagramPosts.Where(p => p.InstagramAccountId == post.InstagramAccountId && p.Shortcode == post.Shortcode);
        if (await identity.Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
            return (existing, false);
        var now = DateTime.UtcNow;
        post.CreatedAt = now;
        post.UpdatedAt = now;
        try
        {
            return (await db.InsertWithInt64IdentityAsync(post, token: cancellationToken), true);
        }
        catch (Exception ex) when (UniqueViolation.Is(ex))
        {
            // Captured at the same moment by a concurrent run: theirs stands.
            return (await identity.Select(p => p.Id).FirstAsync(cancellationToken), false);
        }
    }

    /// <summary>Which of <paramref name="shortcodes"/> (one feed page's) the account has captured already: one query per page.</summary>
    public async Task<IReadOnlySet<string>> CapturedShortcodesAsync(long accountId, IReadOnlyCollection<string> shortcodes, CancellationToken cancellationToken = default)
    {
        if (shortcodes.Count == 0) return new HashSet<string>();
        var codes = shortcodes.Distinct().ToList();
        await using var db = factory.Open();
        var captured = await db.InstagramPosts.Where(p => p.InstagramAccountId == accountId && codes.Contains(p.Shortcode))
            .Select(p => p.Shortcode).ToListAsync(cancellationToken);
        return captured.ToHashSet(StringComparer.Ordinal);
    }

    public async Task AttachMediaAsync(long id, string blobKey, string? contentType, long byteSize, DateTime purgeAt, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        await db.InstagramPosts.Where(p => p.Id == id)
            .Set(p => p.MediaBlobKey, blobKey)
            .Set(p => p.MediaContentType, contentType)
            .Set(p => p.MediaByteSize, byteSize)
            .Set(p => p.MediaDownloadedAt, now)
            .Set(p => p.PurgeAt, purgeAt)
            .Set(p => p.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }

    /// <summary>Posts of the account whose media is due for removal.</summary>
    public async Task<IReadOnlyList<InstagramPost>> DueForPurgeAsync(long accountId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramPosts
            .Where(p => p.InstagramAccountId == accountId && p.MediaBlobKey != null && p.PurgeAt != null && p.PurgeAt <= now)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Forgets the media of a post (the bytes are gone); the post and its analysis stay.</summary>
    public async Task MarkPurgedAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await db.InstagramPosts.Where(p => p.Id == id)
            .Set(p => p.MediaBlobKey, (string?)null)
            .Set(p => p.MediaByteSize, (long?)null)
            .Set(p => p.PurgeAt, (DateTime?)null)
            .Set(p => p.UpdatedAt, DateTime.UtcNow)
            .UpdateAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InstagramPost>> ListAsync(long accountId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramPosts.Where(p => p.InstagramAccountId == accountId).OrderBy(p => p.Id).ToListAsync(cancellationToken);
    }
    /// <summary>The account's feed posts waiting for analysis whose media is stored, oldest first.</summary>
    public async Task<IReadOnlyList<InstagramPost>> ListPendingAnalysisAsync(long accountId, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return [];
        await using var db = factory.Open();
        return await db.InstagramPosts
            .Where(p => p.InstagramAccountId == accountId && p.Status == FeedPostStatus.Pending && p.MediaBlobKey != null)
            .OrderBy(p => p.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The post is <c>analyzed</c> with the analysis' summary, provider and model.</summary>
    public async Task RecordAnalyzedAsync(long id, string provider, string? model, JsonObject analysis, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        await db.InstagramPosts.Where(p => p.Id == id)
            .Set(p => p.Status, FeedPostStatus.Analyzed)
            .Set(p => p.AiProvider, provider)
            .Set(p => p.AiModel, model)
            .Set(p => p.Analysis, analysis)
            .Set(p => p.AnalyzedAt, now)
            .Set(p => p.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }

    /// <summary>The post is <c>failed</c>; <c>analysis.error</c> says why.</summary>
    public async Task RecordAnalysisFailedAsync(long id, string error, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        await db.InstagramPosts.Where(p => p.Id == id)
            .Set(p => p.Status, FeedPostStatus.Failed)
            .Set(p => p.Analysis, new JsonObject { ["error"] = error })
            .Set(p => p.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }
}
