using System.Net;
using System.Text.Json.Nodes;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Tests.Support;

namespace InstaIntel.Simulator.Tests.Api;

public sealed class PaginationTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private Hosting.SimulatorHost Simulator => fixture.Simulator;

    private static async Task<(List<string> Usernames, int Pages, JsonNode LastPage)> ReadAll(WebSession client, string queryHash, string edge, string userId, int pageSize)
    {
        var usernames = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await client.GetJsonAsync(WebSession.GraphQl(queryHash, new { id = userId, first = pageSize, after }));
            pages++;
            var connection = page["data"]!["user"]![edge]!;
            usernames.AddRange(connection["edges"]!.AsArray().Select(e => e!["node"]!["username"]!.GetValue<string>()));
            var info = connection["page_info"]!;
            if (!info["has_next_page"]!.GetValue<bool>())
                return (usernames, pages, page);
            after = info["end_cursor"]!.GetValue<string>();
            Assert.True(pages < 1_000, "pagination does not end");
        }
    }

    [Fact]
    public async Task Every_follower_of_a_2000_follower_account_comes_back_exactly_once()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var (usernames, pages, last) = await ReadAll(client, QueryHashes.Followers, "edge_followed_by", Simulator.DemoAccount.IdText, 50);

        var truth = Simulator.Network.FollowersOf("demo_user");
        Assert.Equal(2_000, truth.Count);
        Assert.Equal(2_000, usernames.Count);
        Assert.Equal(usernames.Count, usernames.Distinct().Count());
        Assert.Equal(truth.Order(StringComparer.Ordinal), usernames.Order(StringComparer.Ordinal));
        Assert.Equal(40, pages);
        Assert.Equal(2_000, last["data"]!["user"]!["edge_followed_by"]!["count"]!.GetValue<int>());
        Assert.Null(last["data"]!["user"]!["edge_followed_by"]!["page_info"]!["end_cursor"]);
    }

    [Fact]
    public async Task Following_pages_cover_the_following_and_mutuals_are_their_intersection()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var (following, _, _) = await ReadAll(client, QueryHashes.Following, "edge_follow", Simulator.DemoAccount.IdText, 48);
        var (followers, _, _) = await ReadAll(client, QueryHashes.Followers, "edge_followed_by", Simulator.DemoAccount.IdText, 50);

        Assert.Equal(Simulator.Network.FollowingOf("demo_user").Order(StringComparer.Ordinal), following.Order(StringComparer.Ordinal));
        var mutuals = following.Intersect(followers).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(300, mutuals.Length);
        Assert.Equal(Simulator.Network.MutualsOf("demo_user").Order(StringComparer.Ordinal), mutuals);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(50)]
    public async Task The_page_size_asked_for_is_the_page_size_served(int first)
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var page = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.Followers, new { id = Simulator.DemoAccount.IdText, first }));

        Assert.Equal(first, page["data"]!["user"]!["edge_followed_by"]!["edges"]!.AsArray().Count);
    }

    [Fact]
    public async Task Page_sizes_above_the_maximum_are_capped()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var page = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.Followers, new { id = Simulator.DemoAccount.IdText, first = 500 }));

        Assert.Equal(Simulator.Options.MaxPageSize, page["data"]!["user"]!["edge_followed_by"]!["edges"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_cursor_the_simulator_never_issued_is_a_bad_request()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        using var response = await client.GetAsync(WebSession.GraphQl(QueryHashes.Followers, new { id = Simulator.DemoAccount.IdText, first = 10, after = "bm9wZQ==" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_private_profile_the_viewer_does_not_follow_shows_counts_but_no_followers()
    {
        var network = Simulator.Network;
        var hidden = network.Profiles.Skip(3).First(p => p.IsPrivate && p.FollowerCount > 0 && !network.Follows("demo_user", p.Username));
        using var client = await WebSession.LoginAsync(Simulator);
        var page = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.Followers, new { id = hidden.IdText, first = 50 }));
        var profile = await client.GetJsonAsync($"/api/v1/users/web_profile_info/?username={hidden.Username}");

        var connection = page["data"]!["user"]!["edge_followed_by"]!;
        Assert.Equal(hidden.FollowerCount, connection["count"]!.GetValue<int>());
        Assert.Empty(connection["edges"]!.AsArray());
        Assert.True(profile["data"]!["user"]!["is_private"]!.GetValue<bool>());
        Assert.Empty(profile["data"]!["user"]!["edge_owner_to_timeline_media"]!["edges"]!.AsArray());
    }

    [Fact]
    public async Task A_profiles_posts_page_through_the_timeline_query_newest_first()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var shortcodes = new List<string>();
        string? after = null;
        do
        {
            var page = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.ProfilePosts, new { id = Simulator.DemoAccount.IdText, first = 10, after }));
            var media = page["data"]!["user"]!["edge_owner_to_timeline_media"]!;
            shortcodes.AddRange(media["edges"]!.AsArray().Select(e => e!["node"]!["shortcode"]!.GetValue<string>()));
            after = media["page_info"]!["has_next_page"]!.GetValue<bool>() ? media["page_info"]!["end_cursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(Simulator.Network.PostsOf("demo_user").Select(p => p.Shortcode), shortcodes);
    }

    [Fact]
    public async Task The_home_feed_pages_through_every_feed_post_once()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var ids = new List<string>();
        string? maxId = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/feed/timeline/?count=50{(maxId is null ? "" : "&max_id=" + Uri.EscapeDataString(maxId))}");
            ids.AddRange(page["feed_items"]!.AsArray().Select(i => i!["media_or_ad"]!["id"]!.GetValue<string>()));
            maxId = page["more_available"]!.GetValue<bool>() ? page["next_max_id"]!.GetValue<string>() : null;
        }
        while (maxId is not null);

        Assert.Equal(ids.Count, ids.Distinct().Count());
        var following = Simulator.Network.FollowingOf("demo_user").ToHashSet();
        var expected = following.SelectMany(u => Simulator.Network.PostsOf(u).Take(3)).Select(p => p.MediaId).ToHashSet();
        Assert.Equal(expected.Count, ids.Count);
        Assert.True(expected.SetEquals(ids));
    }

    [Fact]
    public async Task The_inbox_pages_through_every_thread_once()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var threads = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/direct_v2/inbox/?limit=7&visual_message_return_type=unseen{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            var inbox = page["inbox"]!;
            threads.AddRange(inbox["threads"]!.AsArray().Select(t => t!["thread_id"]!.GetValue<string>()));
            cursor = inbox["has_older"]!.GetValue<bool>() ? inbox["oldest_cursor"]!.GetValue<string>() : null;
        }
        while (cursor is not null);

        Assert.Equal(Simulator.Network.ThreadsOf("demo_user").Select(t => t.ThreadId).Order(), threads.Order());
    }

    [Fact]
    public async Task A_posts_comments_page_through_the_mobile_comments_endpoint()
    {
        var post = Simulator.Network.Profiles.Skip(3).Where(p => !p.IsPrivate).SelectMany(Simulator.Network.PostsOf).First(p => p.CommentCount > 20);
        using var client = await WebSession.LoginAsync(Simulator);
        var texts = new List<string>();
        string? maxId = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/media/{post.MediaId}/comments/?can_support_threading=true&permalink_enabled=true{(maxId is null ? "" : "&max_id=" + Uri.EscapeDataString(maxId))}");
            texts.AddRange(page["comments"]!.AsArray().Select(c => c!["pk"]!.GetValue<long>() + ":" + c["text"]!.GetValue<string>()));
            maxId = page["has_more_comments"]!.GetValue<bool>() ? page["next_max_id"]!.GetValue<string>() : null;
        }
        while (maxId is not null);

        Assert.Equal(Simulator.Network.CommentsOf(post).Select(c => c.Pk + ":" + c.Text), texts);
    }
}
