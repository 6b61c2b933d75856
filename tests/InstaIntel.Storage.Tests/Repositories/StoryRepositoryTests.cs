using InstaIntel.Domain.Events;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage.Events;
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

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task One_lookup_tells_which_stories_of_a_reel_are_stored_with_their_media(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var alice = await Parents.AccountAsync(database, "alice");
        var carol = await Parents.AccountAsync(database, "carol");
        var bob = await Parents.ProfileAsync(database, alice, "bob");
        var dan = await Parents.ProfileAsync(database, alice, "dan");
        var carolsBob = await Parents.ProfileAsync(database, carol, "bob");
        var stories = new StoryRepository(database.Factory());
        var withMedia = await stories.UpsertIngestedAsync(Ingested(alice, bob, "1", "https://cdn.example/1.jpg", null));
        await stories.AttachMediaAsync(withMedia, "blob-1", "image/jpeg", 10);
        await stories.UpsertIngestedAsync(Ingested(alice, bob, "2", "https://cdn.example/2.jpg", null)); // media not stored yet
        await stories.AttachMediaAsync(await stories.UpsertIngestedAsync(Ingested(alice, dan, "3", "https://cdn.example/3.jpg", null)), "blob-3", "image/jpeg", 10);
        await stories.AttachMediaAsync(await stories.UpsertIngestedAsync(Ingested(carol, carolsBob, "4", "https://cdn.example/4.jpg", null)), "blob-4", "image/jpeg", 10);

        var stored = await stories.StoredWithMediaAsync(alice, "bob", ["1", "2", "3", "4", "5"]);

        // Only bob's story with media: not the one still without, not dan's, not another account's bob's.
        Assert.Equal(new HashSet<string> { "1" }, stored);
        Assert.Empty(await stories.StoredWithMediaAsync(alice, "nobody_yet", ["1"]));
        Assert.Empty(await stories.StoredWithMediaAsync(alice, "bob", []));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_storys_event_row_and_media_key_written_on_one_connection_commit_or_roll_back_together(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var alice = await Parents.AccountAsync(database, "alice");
        var bob = await Parents.ProfileAsync(database, alice, "bob");
        var stories = new StoryRepository(database.Factory());
        var events = new ProfileEventRepository(database.Factory());

        async Task WriteAsync(string storyId, bool commit)
        {
            await using var db = database.Factory().Open();
            await using var transaction = await db.BeginTransactionAsync();
            var uploaded = await events.RecordAsync(db, bob, ProfileEventKinds.StoryUploaded, storyId, metadata: new ProfileEventMetadata { StoryId = storyId });
            var story = Ingested(alice, bob, storyId, $"https://cdn.example/{storyId}.jpg", null);
            story.SourceEventId = uploaded;
            var id = await stories.UpsertIngestedAsync(db, story);
            await events.RecordAsync(db, bob, ProfileEventKinds.StoryDownloaded, storyId);
            await stories.AttachMediaAsync(db, id, $"blob-{storyId}", "image/jpeg", 10);
            if (commit) await transaction.CommitAsync();
        }

        await WriteAsync("1", commit: true);
        await WriteAsync("2", commit: false);

        var stored = Assert.Single(await stories.ListByAccountAsync(alice));
        Assert.Equal(("1", "blob-1"), (stored.StoryId, stored.MediaBlobKey));
        var recorded = await events.ListAsync(bob);
        Assert.Equal([ProfileEventKinds.StoryUploaded, ProfileEventKinds.StoryDownloaded], recorded.Select(e => e.Kind));
        Assert.Equal(recorded[0].Id, stored.SourceEventId);
        Assert.Equal(new HashSet<string> { "1" }, await stories.StoredWithMediaAsync(alice, "bob", ["1", "2"]));
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
