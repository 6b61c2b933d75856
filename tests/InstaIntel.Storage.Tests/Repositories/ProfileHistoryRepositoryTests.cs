using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage.History;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Stories;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Tests.Repositories;

/// <summary>History chunks rebuilt from a profile's rows, on both engines.</summary>
public sealed class ProfileHistoryRepositoryTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_rebuild_replaces_the_chunks_and_records_the_build(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        var posts = new ProfilePostRepository(database.Factory());
        for (var i = 1; i <= 6; i++)
            await posts.UpsertCapturedAsync(new InstagramProfilePost
            {
                InstagramAccountId = accountId, InstagramProfileId = profileId, Shortcode = $"P{i}", TakenAt = T0.AddDays(i),
                Caption = string.Join(' ', Enumerable.Repeat($"caption{i}", 20)),
            });
        await new StoryRepository(database.Factory()).UpsertIngestedAsync(new InstagramStory
        {
            InstagramAccountId = accountId, InstagramProfileId = profileId, StoryId = "s1", MediaType = "image", TakenAt = T0,
        });
        var history = new ProfileHistoryRepository(database.Factory());
        Assert.Null(await history.FindBuildAsync(profileId));

        var first = await history.RebuildAsync(accountId, profileId, wordsPerChunk: 60);
        var firstChunks = await history.ListAsync(profileId);
        var second = await history.RebuildAsync(accountId, profileId, wordsPerChunk: 60);
        var chunks = await history.ListAsync(profileId);

        // 7 entries: the pending story (T0, 7 words) then six posts of 24 words each; at most 60 words a chunk.
        Assert.Equal([1, 2, 3], chunks.Select(c => c.Sequence));
        Assert.Equal([3, 2, 2], chunks.Select(c => c.EntryCount));
        Assert.Equal([55, 48, 48], chunks.Select(c => c.WordCount));
        Assert.Equal(7, chunks.Sum(c => c.EntryCount));
        Assert.Equal(firstChunks.Select(c => (c.Sequence, c.Content, c.WordCount, c.EntryCount)), chunks.Select(c => (c.Sequence, c.Content, c.WordCount, c.EntryCount)));
        Assert.StartsWith("[2026-11-01 09:00] Story (image).", chunks[0].Content);
        Assert.Equal((T0, T0.AddDays(6)), (chunks[0].StartsAt!.Value, chunks[^1].EndsAt!.Value));
        Assert.Equal("history_v1", chunks[0].Metadata!["version"]!.GetValue<string>());
        await using (var db = database.Factory().Open())
            Assert.Equal(3, await db.InstagramProfileHistoryChunks.CountAsync(c => c.InstagramProfileId == profileId));

        var build = await history.FindBuildAsync(profileId);
        Assert.NotNull(build);
        Assert.Equal(("completed", 3, 7, chunks.Sum(c => c.WordCount), 60), (build.Status, build.ChunkCount, build.EntryCount, build.WordCount, build.WordsPerChunk));
        Assert.True(second.BuiltAt >= first.BuiltAt);
        Assert.Equal(second.BuiltAt!.Value, build.BuiltAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.NotNull(build.SourcesUpdatedAt);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_rebuild_with_fewer_chunks_removes_the_rest_and_keeps_other_behaviour_metadata(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        await using (var db = database.Factory().Open())
            await db.InsertAsync(new InstagramProfileBehaviorProfile
            {
                InstagramProfileId = profileId, Metadata = new System.Text.Json.Nodes.JsonObject { ["face_identity_version"] = "v1" },
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
        var posts = new ProfilePostRepository(database.Factory());
        for (var i = 1; i <= 4; i++)
            await posts.UpsertCapturedAsync(new InstagramProfilePost { InstagramAccountId = accountId, InstagramProfileId = profileId, Shortcode = $"P{i}", TakenAt = T0.AddDays(i), Caption = "hello there" });
        var history = new ProfileHistoryRepository(database.Factory());
        await history.RebuildAsync(accountId, profileId, wordsPerChunk: 20);
        Assert.Equal(2, (await history.ListAsync(profileId)).Count);

        await history.RebuildAsync(accountId, profileId, wordsPerChunk: 500);

        var only = Assert.Single(await history.ListAsync(profileId));
        Assert.Equal((1, 4), (only.Sequence, only.EntryCount));
        await using (var db = database.Factory().Open())
        {
            var metadata = (await db.InstagramProfileBehaviorProfiles.SingleAsync(b => b.InstagramProfileId == profileId)).Metadata!;
            Assert.Equal("v1", metadata["face_identity_version"]!.GetValue<string>());
            Assert.Equal(1, metadata["history_build"]!["chunk_count"]!.GetValue<int>());
        }
    }
}
