using InstaIntel.Domain.Posts;
using InstaIntel.Storage.Feed;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;

namespace InstaIntel.Storage.Tests.Repositories;

public sealed class FeedPostRepositoryTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task One_lookup_tells_which_shortcodes_of_a_page_the_account_has_captured(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var alice = await Parents.AccountAsync(database, "alice");
        var carol = await Parents.AccountAsync(database, "carol");
        var posts = new FeedPostRepository(database.Factory());
        Assert.True((await posts.CaptureAsync(Post(alice, "AAA"))).Created);
        Assert.True((await posts.CaptureAsync(Post(carol, "BBB"))).Created);

        var captured = await posts.CapturedShortcodesAsync(alice, ["AAA", "BBB", "CCC"]);

        // Captured per account: carol's post is new to alice.
        Assert.Equal(new HashSet<string> { "AAA" }, captured);
        Assert.Empty(await posts.CapturedShortcodesAsync(alice, []));
    }

    private static InstagramPost Post(long accountId, string shortcode) => new()
    {
        InstagramAccountId = accountId,
        Shortcode = shortcode,
        DetectedAt = DateTime.UtcNow,
        PostKind = PostKind.Post,
        Status = FeedPostStatus.Pending,
    };
}
