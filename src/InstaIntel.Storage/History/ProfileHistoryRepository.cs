using System.Text.Json;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.History;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage.Mapping;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.History;

/// <summary>What a profile's narrative is built from: its posts, stories and events.</summary>
public sealed record HistorySources(
    IReadOnlyList<InstagramProfilePost> Posts, IReadOnlyList<InstagramStory> Stories, IReadOnlyList<InstagramProfileEvent> Events)
{
    /// <summary>When the newest of them was added or analysed: a history built before this is stale.</summary>
    public DateTime? ChangedAt => HistoryFreshness.SourcesChangedAt(Posts, Stories, Events);

    /// <summary>Media of the profile stored and still waiting for analysis: the history would not tell what they show yet.</summary>
    public int PendingAnalysis => Posts.Count(p => p.AiStatus == ProfilePostAiStatus.Pending && p.MediaBlobKey != null)
        + Stories.Count(s => s.ProcessingStatus == StoryProcessingStatus.Pending && s.MediaBlobKey != null);
}

/// <summary>
/// <c>instagram_profile_history_chunks</c> and the profile's <c>history_build</c> state (behaviour-profile metadata): a
/// build replaces every chunk of the profile in one transaction, so building twice leaves the same rows.
/// </summary>
public sealed class ProfileHistoryRepository(InstaIntelDbFactory factory)
{
    public const string HistoryBuildKey = "history_build";

    public async Task<HistorySources> ReadSourcesAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var posts = await db.InstagramProfilePosts.Where(p => p.InstagramProfileId == instagramProfileId).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var stories = await db.InstagramStories.Where(s => s.InstagramProfileId == instagramProfileId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var events = await db.InstagramProfileEvents.Where(e => e.InstagramProfileId == instagramProfileId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return new HistorySources(posts, stories, events);
    }

    /// <summary>Builds the profile's narrative from its current rows and stores it in place of the last build.</summary>
    public async Task<ProfileHistoryBuild> RebuildAsync(long instagramAccountId, long instagramProfileId, int wordsPerChunk = ProfileHistoryBuilder.DefaultWordsPerChunk,
        CancellationToken cancellationToken = default)
    {
        var sources = await ReadSourcesAsync(instagramProfileId, cancellationToken);
        var chunks = ProfileHistoryBuilder.Build(sources.Posts, sources.Stories, sources.Events, wordsPerChunk);
        return await ReplaceAsync(instagramAccountId, instagramProfileId, chunks, wordsPerChunk, sources.ChangedAt, cancellationToken);
    }

    /// <summary>Stores <paramref name="chunks"/> as the profile's whole narrative and records the build.</summary>
    public async Task<ProfileHistoryBuild> ReplaceAsync(long instagramAccountId, long instagramProfileId, IReadOnlyList<HistoryChunkDraft> chunks,
        int wordsPerChunk, DateTime? sourcesUpdatedAt, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var now = DateTime.UtcNow;
        await db.InstagramProfileHistoryChunks.Where(c => c.InstagramProfileId == instagramProfileId).DeleteAsync(cancellationToken);
        foreach (var chunk in chunks)
            await db.InsertAsync(new InstagramProfileHistoryChunk
            {
                InstagramAccountId = instagramAccountId,
                InstagramProfileId = instagramProfileId,
                Sequence = chunk.Sequence,
                Content = chunk.Content,
                WordCount = chunk.WordCount,
                EntryCount = chunk.EntryCount,
                StartsAt = chunk.StartsAt,
                EndsAt = chunk.EndsAt,
                Metadata = new JsonObject
                {
                    ["version"] = ProfileHistoryBuild.CurrentVersion,
                    ["post_count"] = chunk.PostCount,
                    ["story_count"] = chunk.StoryCount,
                    ["event_count"] = chunk.EventCount,
                },
                CreatedAt = now,
                UpdatedAt = now,
            }, token: cancellationToken);

        var build = new ProfileHistoryBuild
        {
            Status = "completed",
            Version = ProfileHistoryBuild.CurrentVersion,
            BuiltAt = now,
            ChunkCount = chunks.Count,
            EntryCount = chunks.Sum(c => c.EntryCount),
            WordCount = chunks.Sum(c => c.WordCount),
            WordsPerChunk = wordsPerChunk,
            StartsAt = chunks.Count == 0 ? null : chunks[0].StartsAt,
            EndsAt = chunks.Count == 0 ? null : chunks[^1].EndsAt,
            SourcesUpdatedAt = sourcesUpdatedAt,
        };
        var existing = await db.InstagramProfileBehaviorProfiles.FirstOrDefaultAsync(b => b.InstagramProfileId == instagramProfileId, cancellationToken);
        // Other keys (face identity, comment preparation) belong to other writers and stay.
        var metadata = existing?.Metadata?.DeepClone().AsObject() ?? new JsonObject();
        metadata[HistoryBuildKey] = JsonSerializer.SerializeToNode(build, JsonColumns.Options);
        await db.InstagramProfileBehaviorProfiles.InsertOrUpdateAsync(
            () => new InstagramProfileBehaviorProfile { InstagramProfileId = instagramProfileId, Metadata = metadata, CreatedAt = now, UpdatedAt = now },
            _ => new InstagramProfileBehaviorProfile { Metadata = metadata, UpdatedAt = now },
            () => new InstagramProfileBehaviorProfile { InstagramProfileId = instagramProfileId },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return build;
    }

    public async Task<IReadOnlyList<InstagramProfileHistoryChunk>> ListAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfileHistoryChunks.Where(c => c.InstagramProfileId == instagramProfileId).OrderBy(c => c.Sequence).ToListAsync(cancellationToken);
    }

    /// <summary>The profile's last build, or null when its history was never built.</summary>
    public async Task<ProfileHistoryBuild?> FindBuildAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var metadata = await db.InstagramProfileBehaviorProfiles.Where(b => b.InstagramProfileId == instagramProfileId).Select(b => b.Metadata).FirstOrDefaultAsync(cancellationToken);
        return metadata?[HistoryBuildKey] is JsonObject build ? build.Deserialize<ProfileHistoryBuild>(JsonColumns.Options) : null;
    }
}
