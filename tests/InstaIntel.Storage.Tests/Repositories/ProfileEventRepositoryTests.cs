using InstaIntel.Domain.Events;
using InstaIntel.Storage.Events;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;

namespace InstaIntel.Storage.Tests.Repositories;

public sealed class ProfileEventRepositoryTests
{
    private static readonly DateTime StoryTakenAt = new(2026, 2, 19, 18, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Recording_an_event_twice_updates_the_one_row_and_merges_its_metadata(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var profileId = await Parents.ProfileAsync(database, await Parents.AccountAsync(database, "alice"), "bob");
        var events = new ProfileEventRepository(database.Factory());

        var first = await events.RecordAsync(profileId, ProfileEventKinds.StoryDownloaded, "story_downloaded:314", StoryTakenAt,
            new ProfileEventMetadata { MediaUrl = "https://cdn.example/1.jpg", Status = "downloaded" });
        var second = await events.RecordAsync(profileId, ProfileEventKinds.StoryDownloaded, " story_downloaded:314 ", occurredAt: null,
            new ProfileEventMetadata { Status = "analysed", ReplyComment = "nice" });

        var row = Assert.Single(await events.ListAsync(profileId));
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(StoryTakenAt, row.OccurredAt);                 // kept: the second write gave none
        Assert.True(row.DetectedAt >= first.DetectedAt);            // refreshed on every write
        Assert.Equal("https://cdn.example/1.jpg", row.Metadata!.MediaUrl); // kept: not in the second write
        Assert.Equal("analysed", row.Metadata.Status);              // replaced
        Assert.Equal("nice", row.Metadata.ReplyComment);            // added
        Assert.Equal(LlmCommentStatus.NotRequested, row.LlmCommentStatus);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_same_external_id_under_another_kind_is_another_event(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var profileId = await Parents.ProfileAsync(database, await Parents.AccountAsync(database, "alice"), "bob");
        var events = new ProfileEventRepository(database.Factory());

        await events.RecordAsync(profileId, ProfileEventKinds.StoryUploaded, "314");
        await events.RecordAsync(profileId, ProfileEventKinds.StoryViewed, "314");
        await events.RecordAsync(profileId, ProfileEventKinds.StoryViewed, "314");

        Assert.Equal(
            [ProfileEventKinds.StoryUploaded, ProfileEventKinds.StoryViewed],
            (await events.ListAsync(profileId)).Select(e => e.Kind));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Concurrent_writers_of_one_event_meet_in_one_row(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var profileId = await Parents.ProfileAsync(database, await Parents.AccountAsync(database, "alice"), "bob");
        var events = new ProfileEventRepository(database.Factory());

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            events.RecordAsync(profileId, ProfileEventKinds.StorySeen, "story_seen:2026-02-20", metadata: new ProfileEventMetadata { Source = $"writer-{i}" }))));

        var row = Assert.Single(await events.ListAsync(profileId));
        Assert.StartsWith("writer-", row.Metadata!.Source);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task An_event_needs_an_external_id(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var profileId = await Parents.ProfileAsync(database, await Parents.AccountAsync(database, "alice"), "bob");
        var events = new ProfileEventRepository(database.Factory());

        await Assert.ThrowsAsync<ArgumentException>(() => events.RecordAsync(profileId, ProfileEventKinds.StorySeen, "  "));
        Assert.Empty(await events.ListAsync(profileId));
    }
}
