using InstaIntel.Domain.Posts;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Posts;

/// <summary><c>instagram_profile_posts</c>: the capture upsert keyed by (profile, shortcode).</summary>
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
}
