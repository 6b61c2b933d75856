using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Tests.Repositories;

public sealed class ProfilePostRepositoryTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Capturing_a_post_twice_keeps_one_row_with_the_new_snapshot_and_the_pipelines_state(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        var posts = new ProfilePostRepository(database.Factory());
        var metadata = new ProfilePostMetadata { WorkspaceActions = new WorkspaceActions { Status = WorkspaceActionStatus.Queued } };

        var first = await posts.UpsertCapturedAsync(Captured(accountId, profileId, "Cx1", "first caption", likes: 3, metadata));
        await using (var db = database.Factory().Open())
        {
            // The pipeline finishes between the two captures.
            await db.InstagramProfilePosts.Where(p => p.Id == first).Set(p => p.AiStatus, ProfilePostAiStatus.Analyzed).UpdateAsync();
        }
        var second = await posts.UpsertCapturedAsync(Captured(accountId, profileId, "Cx1", "edited caption", likes: 10, metadata: null));

        Assert.Equal(first, second);
        await using var check = database.Factory().Open();
        var row = Assert.Single(await check.InstagramProfilePosts.Where(p => p.InstagramProfileId == profileId).ToListAsync());
        Assert.Equal("edited caption", row.Caption);
        Assert.Equal(10, row.LikesCount);
        Assert.Equal(ProfilePostAiStatus.Analyzed, row.AiStatus);
        Assert.Equal(WorkspaceActionStatus.Queued, row.Metadata!.WorkspaceActions!.Status);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_same_shortcode_under_two_profiles_is_two_posts(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var bob = await Parents.ProfileAsync(database, accountId, "bob");
        var dan = await Parents.ProfileAsync(database, accountId, "dan");
        var posts = new ProfilePostRepository(database.Factory());

        var bobs = await posts.UpsertCapturedAsync(Captured(accountId, bob, "Cx1", "bob's", likes: 1, metadata: null));
        var dans = await posts.UpsertCapturedAsync(Captured(accountId, dan, "Cx1", "dan's", likes: 2, metadata: null));

        Assert.NotEqual(bobs, dans);
        Assert.Equal("dan's", (await posts.FindAsync(dan, "Cx1"))!.Caption);
    }

    private static InstagramProfilePost Captured(long accountId, long profileId, string shortcode, string caption, int likes, ProfilePostMetadata? metadata) => new()
    {
        InstagramAccountId = accountId,
        InstagramProfileId = profileId,
        Shortcode = shortcode,
        Permalink = $"https://www.instagram.com/p/{shortcode}/",
        Caption = caption,
        LikesCount = likes,
        CommentsCount = 1,
        TakenAt = new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc),
        Metadata = metadata,
    };
}
