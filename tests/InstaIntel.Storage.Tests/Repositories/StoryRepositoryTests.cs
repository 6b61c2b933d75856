using InstaIntel.Domain.Stories;
using InstaIntel.Storage.Stories;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Tests.Repositories;

public sealed class StoryRepositoryTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Ingesting_a_story_twice_keeps_one_row_with_new_media_and_its_processing_state(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        var stories = new StoryRepository(database.Factory());

        var first = await stories.UpsertIngestedAsync(Ingested(accountId, profileId, "314", "https://cdn.example/old.jpg",
            new StoryMetadata { StoryPayload = new StoryPayload { Caption = "beach" }, IngestedAt = new DateTime(2026, 2, 20, 8, 0, 0, DateTimeKind.Utc) }));
        await using (var db = database.Factory().Open())
        {
            await db.InstagramStories.Where(s => s.Id == first).Set(s => s.ProcessingStatus, StoryProcessingStatus.Processed).UpdateAsync();
        }
        var second = await stories.UpsertIngestedAsync(Ingested(accountId, profileId, "314", "https://cdn.example/new.jpg",
            new StoryMetadata { DuplicateStoryStoragePrevented = true }));

        Assert.Equal(first, second);
        await using var check = database.Factory().Open();
        var row = Assert.Single(await check.InstagramStories.Where(s => s.InstagramProfileId == profileId).ToListAsync());
        Assert.Equal("https://cdn.example/new.jpg", row.MediaUrl);
        Assert.Equal(StoryProcessingStatus.Processed, row.ProcessingStatus);
        Assert.Equal("beach", row.Metadata!.StoryPayload!.Caption);
        Assert.True(row.Metadata.DuplicateStoryStoragePrevented);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_same_story_id_under_two_profiles_is_two_stories(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var bob = await Parents.ProfileAsync(database, accountId, "bob");
        var dan = await Parents.ProfileAsync(database, accountId, "dan");
        var stories = new StoryRepository(database.Factory());

        var bobs = await stories.UpsertIngestedAsync(Ingested(accountId, bob, "314", "https://cdn.example/b.jpg", null));
        var dans = await stories.UpsertIngestedAsync(Ingested(accountId, dan, "314", "https://cdn.example/d.jpg", null));

        Assert.NotEqual(bobs, dans);
        Assert.Equal("https://cdn.example/d.jpg", (await stories.FindAsync(dan, "314"))!.MediaUrl);
    }

    private static InstagramStory Ingested(long accountId, long profileId, string storyId, string mediaUrl, StoryMetadata? metadata) => new()
    {
        InstagramAccountId = accountId,
        InstagramProfileId = profileId,
        StoryId = storyId,
        MediaType = "image",
        MediaUrl = mediaUrl,
        ImageUrl = mediaUrl,
        ExpiresAt = new DateTime(2026, 2, 21, 8, 0, 0, DateTimeKind.Utc),
        Metadata = metadata,
    };
}
