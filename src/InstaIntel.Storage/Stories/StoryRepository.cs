using InstaIntel.Domain.Stories;
using InstaIntel.Storage.Mapping;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace InstaIntel.Storage.Stories;

/// <summary><c>instagram_stories</c>: ingestion keyed by (profile, story_id).</summary>
public sealed class StoryRepository(InstaIntelDbFactory factory)
{
    /// <summary>
    /// Stores an ingested story: a new one is inserted pending processing; a known one gets the newer media
    /// locations and times and the ingestion metadata merged over its own, while its processing state stays.
    /// </summary>
    /// <returns>the story's id.</returns>
    public async Task<long> UpsertIngestedAsync(InstagramStory ingested, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await UpsertIngestedAsync(db, ingested, cancellationToken);
    }

    /// <summary>As <see cref="UpsertIngestedAsync(InstagramStory, CancellationToken)"/>, on the caller's connection (and transaction).</summary>
    public async Task<long> UpsertIngestedAsync(InstaIntelDb db, InstagramStory ingested, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ingested.StoryId);
        DataParameter[] identity = [new("profile", ingested.InstagramProfileId), new("story", ingested.StoryId)];
        var stored = await KeyedReads.JsonOrDefaultAsync<StoryMetadata>(db, MetadataOfStory, identity, cancellationToken);
        var merged = JsonMerge.Shallow(stored, ingested.Metadata);
        var now = DateTime.UtcNow;
        await db.InstagramStories.InsertOrUpdateAsync(
            () => new InstagramStory
            {
                InstagramAccountId = ingested.InstagramAccountId,
                InstagramProfileId = ingested.InstagramProfileId,
                SourceEventId = ingested.SourceEventId,
                StoryId = ingested.StoryId,
                MediaType = ingested.MediaType,
                TakenAt = ingested.TakenAt,
                ExpiresAt = ingested.ExpiresAt,
                ImageUrl = ingested.ImageUrl,
                VideoUrl = ingested.VideoUrl,
                MediaUrl = ingested.MediaUrl,
                DurationSeconds = ingested.DurationSeconds,
                ProcessingStatus = StoryProcessingStatus.Pending,
                Metadata = merged,
                CreatedAt = now,
                UpdatedAt = now,
            },
            existing => new InstagramStory
            {
                SourceEventId = ingested.SourceEventId ?? existing.SourceEventId,
                MediaType = ingested.MediaType ?? existing.MediaType,
                TakenAt = ingested.TakenAt ?? existing.TakenAt,
                ExpiresAt = ingested.ExpiresAt ?? existing.ExpiresAt,
                ImageUrl = ingested.ImageUrl ?? existing.ImageUrl,
                VideoUrl = ingested.VideoUrl ?? existing.VideoUrl,
                MediaUrl = ingested.MediaUrl ?? existing.MediaUrl,
                DurationSeconds = ingested.DurationSeconds ?? existing.DurationSeconds,
                Metadata = merged,
                UpdatedAt = now,
            },
            () => new InstagramStory { InstagramProfileId = ingested.InstagramProfileId, StoryId = ingested.StoryId },
            cancellationToken);
        return await KeyedReads.FirstAsync<long>(db, IdOfStory, identity, cancellationToken);
    }

    private const string StoryIdentity = "instagram_profile_id = @profile AND story_id = @story";
    private const string MetadataOfStory = "SELECT metadata FROM instagram_stories WHERE " + StoryIdentity;
    private const string IdOfStory = "SELECT id FROM instagram_stories WHERE " + StoryIdentity;

    /// <summary>Records where the story's media bytes are (the blob store's key).</summary>
    public async Task AttachMediaAsync(long id, string blobKey, string? contentType, long byteSize, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await AttachMediaAsync(db, id, blobKey, contentType, byteSize, cancellationToken);
    }

    /// <summary>As <see cref="AttachMediaAsync(long, string, string?, long, CancellationToken)"/>, on the caller's connection (and transaction).</summary>
    public async Task AttachMediaAsync(InstaIntelDb db, long id, string blobKey, string? contentType, long byteSize, CancellationToken cancellationToken = default)
    {
        await db.InstagramStories.Where(s => s.Id == id)
            .Set(s => s.MediaBlobKey, blobKey)
            .Set(s => s.MediaContentType, contentType)
            .Set(s => s.MediaByteSize, byteSize)
            .Set(s => s.UpdatedAt, DateTime.UtcNow)
            .UpdateAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InstagramStory>> ListByAccountAsync(long instagramAccountId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramStories.Where(s => s.InstagramAccountId == instagramAccountId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Which of <paramref name="storyIds"/> (one reel's) the account already holds with their media for its profile
    /// <paramref name="username"/>: one query per reel instead of one per story. A profile not stored yet has none.
    /// </summary>
    public async Task<IReadOnlySet<string>> StoredWithMediaAsync(
        long instagramAccountId, string username, IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken = default)
    {
        if (storyIds.Count == 0) return new HashSet<string>();
        var ids = storyIds.Distinct().ToList();
        await using var db = factory.Open();
        var stored = await (from s in db.InstagramStories
                            join p in db.InstagramProfiles on s.InstagramProfileId equals p.Id
                            where p.InstagramAccountId == instagramAccountId && p.Username == username
                                  && s.MediaBlobKey != null && ids.Contains(s.StoryId)
                            select s.StoryId).ToListAsync(cancellationToken);
        return stored.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<InstagramStory?> FindAsync(long instagramProfileId, string storyId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramStories.FirstOrDefaultAsync(s => s.InstagramProfileId == instagramProfileId && s.StoryId == storyId, cancellationToken);
    }
    /// <summary>The account's stories waiting for analysis whose media is stored, oldest first.</summary>
    public async Task<IReadOnlyList<InstagramStory>> ListPendingAnalysisAsync(long instagramAccountId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramStories
            .Where(s => s.InstagramAccountId == instagramAccountId && s.ProcessingStatus == StoryProcessingStatus.Pending && s.MediaBlobKey != null)
            .OrderBy(s => s.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountPendingAnalysisAsync(long instagramAccountId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramStories.CountAsync(s => s.InstagramAccountId == instagramAccountId && s.ProcessingStatus == StoryProcessingStatus.Pending, cancellationToken);
    }

    /// <summary>The story is <c>processed</c>: the outputs merged over its metadata (ingestion keys stay), processed now.</summary>
    public Task RecordProcessedAsync(long id, StoryMetadata outputs, CancellationToken cancellationToken = default) =>
        FinishAsync(id, StoryProcessingStatus.Processed, outputs, cancellationToken);

    /// <summary>The story is <c>failed</c> with the error in <c>metadata.processing_error</c>.</summary>
    public Task RecordFailedAsync(long id, string error, CancellationToken cancellationToken = default) =>
        FinishAsync(id, StoryProcessingStatus.Failed, new StoryMetadata { ProcessingError = error, FailedAt = DateTime.UtcNow }, cancellationToken);

    private async Task FinishAsync(long id, StoryProcessingStatus status, StoryMetadata update, CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        var merged = JsonMerge.Shallow(await db.InstagramStories.Where(s => s.Id == id).Select(s => s.Metadata).FirstOrDefaultAsync(cancellationToken), update);
        await db.InstagramStories.Where(s => s.Id == id)
            .Set(s => s.ProcessingStatus, status)
            .Set(s => s.ProcessedAt, status == StoryProcessingStatus.Processed ? now : null)
            .Set(s => s.Metadata, merged)
            .Set(s => s.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }
}
