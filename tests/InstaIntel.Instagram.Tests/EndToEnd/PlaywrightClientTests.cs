using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Sessions;

namespace InstaIntel.Instagram.Tests.EndToEnd;

/// <summary>Every capability of the real client against the simulator, compared with the simulator's truth.</summary>
public sealed class PlaywrightClientTests(SimulatorClientFixture fixture) : IClassFixture<SimulatorClientFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private IInstagramClient Client => fixture.Client;

    [Fact]
    public async Task Login_then_export_and_reimport_gives_a_session_that_validates_as_the_same_user()
    {
        var session = await fixture.LogInAsync("demo_alt");
        Assert.True(session.Bundle.HasSession);

        var exported = SessionExchange.Export(session.Bundle);
        var reimported = new AccountSession("demo_alt", SessionExchange.Import(exported));
        await fixture.Browsers.ForgetAsync("demo_alt");
        var validation = await Client.ValidateSessionAsync(reimported, None);

        Assert.True(validation.IsValid);
        Assert.Equal("demo_alt", validation.User!.Username);
        Assert.Equal(fixture.Simulator.Network.Profile("demo_alt").IdText, validation.User.Id);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_no_session_comes_back()
    {
        var error = await Assert.ThrowsAsync<Errors.InvalidCredentialsException>(() =>
            fixture.Login.LogInAsync("demo_user_wrong", "demo_user", "not-the-password", SessionBundle.Anonymous, None));
        Assert.True(error.UserExists);
    }

    [Fact]
    public async Task The_follow_graph_syncs_through_pagination_and_finds_exactly_the_mutuals()
    {
        var session = await fixture.LogInAsync("demo_user");
        var me = await Client.GetCurrentUserAsync(session, None);
        var followers = await AllAsync(cursor => Client.GetFollowersAsync(session, me.Id, cursor, None));
        var following = await AllAsync(cursor => Client.GetFollowingAsync(session, me.Id, cursor, None));

        var network = fixture.Simulator.Network;
        Assert.Equal(2_000, followers.Count);
        Assert.Equal(followers.Count, followers.Select(u => u.Id).Distinct().Count());
        Assert.Equal(network.FollowersOf("demo_user").Order(), followers.Select(u => u.Username).Order());
        Assert.Equal(network.FollowingOf("demo_user").Order(), following.Select(u => u.Username).Order());
        var mutuals = followers.Select(u => u.Username).Intersect(following.Select(u => u.Username));
        Assert.Equal(network.MutualsOf("demo_user").Order(), mutuals.Order());
    }

    [Fact]
    public async Task Profile_details_stories_posts_comments_and_the_feed_match_the_simulator()
    {
        var session = await fixture.LogInAsync("demo_user");
        var network = fixture.Simulator.Network;
        var now = fixture.Simulator.Clock.GetUtcNow();
        var withStories = network.MutualsOf("demo_user").First(u => network.ActiveStoriesOf(u, now).Count > 0 && !network.Profile(u).IsPrivate);
        var truth = network.Profile(withStories);

        var profile = await Client.GetProfileAsync(session, withStories, None);
        Assert.Equal(truth.IdText, profile.Id);
        Assert.Equal(truth.FullName, profile.FullName);
        Assert.Equal(truth.Biography, profile.Biography);
        Assert.Equal(truth.FollowerCount, profile.FollowerCount);
        Assert.Equal(truth.PostCount, profile.PostCount);

        var reel = await Client.GetStoriesAsync(session, truth.IdText, None);
        Assert.Equal(network.ActiveStoriesOf(withStories, now).Select(s => s.PkText).Order(), reel.Items.Select(i => i.Id).Order());
        Assert.All(reel.Items, item => Assert.NotNull(item.ImageUrl));

        var posts = await Client.GetRecentPostsAsync(session, withStories, None);
        var expectedFirstPage = network.PostsOf(withStories).OrderByDescending(p => p.TakenAt).Take(posts.Items.Count).Select(p => p.Shortcode);
        Assert.NotEmpty(posts.Items);
        Assert.Equal(expectedFirstPage, posts.Items.Select(p => p.Shortcode));

        var post = posts.Items.First();
        var simPost = network.FindPostByShortcode(post.Shortcode!)!;
        var comments = await AllAsync(cursor => Client.GetCommentsAsync(session, post.Id, cursor, None));
        Assert.Equal(network.CommentsOf(simPost).Count, comments.Count);

        var single = await Client.GetPostAsync(session, post.Shortcode!, None);
        Assert.Equal(simPost.Caption, single.Caption);

        var feed = await Client.GetHomeFeedAsync(session, null, None);
        Assert.NotEmpty(feed.Items);
        Assert.All(feed.Items, item => Assert.NotNull(network.FindPostByShortcode(item.Shortcode!)));
    }

    [Fact]
    public async Task Downloaded_media_bytes_equal_what_the_simulator_serves()
    {
        var session = await fixture.LogInAsync("demo_user");
        var feed = await Client.GetHomeFeedAsync(session, null, None);
        var url = new Uri(feed.Items.First(p => p.ImageUrl is not null).ImageUrl!);

        var download = await Client.DownloadMediaAsync(session, url, None);
        using var plain = fixture.Simulator.CreateClient(webHeaders: false);
        var served = await plain.GetByteArrayAsync(url);

        Assert.Equal("image/jpeg", download.ContentType);
        Assert.True(download.Bytes.Length > 1000);
        Assert.Equal(served, download.Bytes.ToArray());
    }

    [Fact]
    public async Task A_direct_message_and_a_story_reply_reach_the_simulator()
    {
        var session = await fixture.LogInAsync("demo_user");
        var network = fixture.Simulator.Network;
        var now = fixture.Simulator.Clock.GetUtcNow();
        var friend = network.Profile(network.MutualsOf("demo_user")[0]);
        var text = $"hello {Guid.NewGuid():N}";

        var sent = await Client.SendDirectMessageAsync(session, friend.IdText, text, None);
        Assert.NotNull(sent.ThreadId);
        var message = Assert.Single(fixture.Simulator.SentMessages, m => m.Text == text);
        Assert.Equal("demo_user", message.Sender);
        Assert.Contains(friend.IdText, message.RecipientIds);

        var storyOwner = network.MutualsOf("demo_user").Select(network.Profile).First(p => network.ActiveStoriesOf(p.Username, now).Count > 0);
        var story = network.ActiveStoriesOf(storyOwner.Username, now)[0];
        var reply = $"nice {Guid.NewGuid():N}";
        await Client.ReplyToStoryAsync(session, story.PkText, storyOwner.IdText, reply, None);
        var recorded = Assert.Single(fixture.Simulator.StoryReplies, r => r.Text == reply);
        Assert.Equal(story.MediaId, recorded.StoryMediaId);
    }

    private static async Task<List<T>> AllAsync<T>(Func<string?, Task<Page<T>>> page)
    {
        var all = new List<T>();
        string? cursor = null;
        for (var pages = 0; pages < 1_000; pages++)
        {
            var next = await page(cursor);
            all.AddRange(next.Items);
            if (!next.HasNext) return all;
            cursor = next.NextCursor;
        }
        throw new InvalidOperationException("pagination did not end");
    }
}
