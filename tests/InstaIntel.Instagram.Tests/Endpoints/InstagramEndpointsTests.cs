using InstaIntel.Domain.Budget;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Endpoints;
using InstaIntel.Instagram.Sessions;

namespace InstaIntel.Instagram.Tests.Endpoints;

public sealed class InstagramEndpointsTests
{
    private static readonly SessionBundle Session = new(
        [new SessionCookie("sessionid", "secret-session", ".instagram.com"), new SessionCookie("csrftoken", "csrf123", ".instagram.com")],
        [], [], "UA/1");

    private static string Query(InstagramRequest request, string key) =>
        Uri.UnescapeDataString(request.Query.Single(p => p.Key == key).Value);

    [Fact]
    public void Followers_use_the_documented_query_hash_and_compact_variables()
    {
        var request = InstagramEndpoints.FollowPage(FollowDirection.Followers, "2095657187");

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/graphql/query/?query_hash=c76146de99bb02f6415203be841dd25a&variables=%7B%22id%22%3A%222095657187%22%2C%22first%22%3A50%7D", request.PathAndQuery);
        Assert.Null(request.Action);
    }

    [Fact]
    public void Following_pages_pass_the_cursor_as_after()
    {
        var request = InstagramEndpoints.FollowPage(FollowDirection.Following, "2095657187", "QVFD+x/y==", first: 24);
        Assert.Equal("d04b0a864b4b54837c0d870b0e77e076", Query(request, "query_hash"));
        Assert.Equal("""{"id":"2095657187","first":24,"after":"QVFD\u002Bx/y=="}""", Query(request, "variables"));
    }

    [Fact]
    public void Stories_reel_summary_and_post_use_their_hashes()
    {
        var stories = InstagramEndpoints.Stories("15380683785");
        Assert.Equal("de8017ee0a7c9c45ec4260733d81ea31", Query(stories, "query_hash"));
        Assert.Equal("""{"reel_ids":["15380683785"],"precomposed_overlay":false}""", Query(stories, "variables"));

        var summary = InstagramEndpoints.ReelAndSuggestions("223373777");
        Assert.Equal("d4d88dc1500312af6f937f7b804c68c3", Query(summary, "query_hash"));
        Assert.Equal("""{"user_id":"223373777","include_chaining":true,"include_reel":true}""", Query(summary, "variables"));

        var post = InstagramEndpoints.PostByShortcode("B7T8TYXpOPZ");
        Assert.Equal("b3055c01b4b222b8a47dc12b090e4e64", Query(post, "query_hash"));
        Assert.Equal("""{"shortcode":"B7T8TYXpOPZ"}""", Query(post, "variables"));
    }

    [Fact]
    public void Mobile_reads_have_the_documented_paths()
    {
        Assert.Equal("/api/v1/accounts/current_user/?edit=true", InstagramEndpoints.CurrentUser().PathAndQuery);
        Assert.Equal("/api/v1/users/web_profile_info/?username=abhnv_rai", InstagramEndpoints.Profile("@abhnv_rai").PathAndQuery);
        Assert.Equal("/api/v1/feed/reels_tray/", InstagramEndpoints.StoryTray().PathAndQuery);
        Assert.Equal("/api/v1/media/2221384255850996697/comments/?can_support_threading=true&permalink_enabled=true", InstagramEndpoints.Comments("2221384255850996697").PathAndQuery);
        Assert.Equal("/api/v1/media/2221384255850996697/comments/?can_support_threading=true&permalink_enabled=true&max_id=%7B%22c%22%3A1%7D", InstagramEndpoints.Comments("2221384255850996697", """{"c":1}""").PathAndQuery);
        Assert.Equal("/api/v1/feed/timeline/?count=12", InstagramEndpoints.HomeFeed().PathAndQuery);
        Assert.Equal("/api/v1/feed/timeline/?count=5&max_id=KKcB", InstagramEndpoints.HomeFeed("KKcB", 5).PathAndQuery);
        Assert.Equal("/api/v1/direct_v2/inbox/?limit=20&visual_message_return_type=unseen", InstagramEndpoints.Inbox().PathAndQuery);
        Assert.Equal("/api/v1/direct_v2/inbox/?limit=20&visual_message_return_type=unseen&cursor=3402", InstagramEndpoints.Inbox("3402").PathAndQuery);
    }

    [Fact]
    public void A_direct_message_is_a_form_post_counted_as_a_direct_message()
    {
        var request = InstagramEndpoints.SendDirectMessage("42", "hi there & welcome", "6f1c");

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v1/direct_v2/threads/broadcast/text/", request.PathAndQuery);
        Assert.Equal(InstagramAction.DirectMessage, request.Action);
        Assert.Equal("recipient_users=%5B%5B%2242%22%5D%5D&client_context=6f1c&text=hi%20there%20%26%20welcome", request.FormBody);
    }

    [Fact]
    public void A_story_reply_shares_the_reel_item_with_its_owner()
    {
        var request = InstagramEndpoints.ReplyToStory("2252497313498671180", "15380683785", "wow", "c2");
        Assert.Equal("/api/v1/direct_v2/threads/broadcast/reel_share/", request.Path);
        Assert.Equal(InstagramAction.StoryReply, request.Action);
        Assert.Equal(
            [("media_id", "2252497313498671180_15380683785"), ("reel_id", "15380683785"), ("recipient_users", "[[\"15380683785\"]]"), ("client_context", "c2"), ("text", "wow")],
            request.Form.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void Like_comment_and_seen_are_posts_with_their_actions()
    {
        var like = InstagramEndpoints.LikePost("2221103792020484090");
        Assert.Equal(("/api/v1/web/likes/2221103792020484090/like/", InstagramAction.Like, ""), (like.Path, like.Action, like.FormBody));

        var comment = InstagramEndpoints.CommentOnPost("2221103792020484090_18733674908", "Nice 👍");
        Assert.Equal("/api/v1/web/comments/2221103792020484090_18733674908/add/", comment.Path);
        Assert.Equal(InstagramAction.Comment, comment.Action);
        Assert.Equal("comment_text=Nice%20%F0%9F%91%8D", comment.FormBody);

        var seen = InstagramEndpoints.MarkStorySeen("2252497313498671180", "15380683785",
            DateTimeOffset.FromUnixTimeSeconds(1582738618), DateTimeOffset.FromUnixTimeSeconds(1582739000));
        Assert.Equal("/api/v1/stories/reel/seen", seen.Path);
        Assert.Null(seen.Action);
        Assert.Equal("reelMediaId=2252497313498671180&reelMediaOwnerId=15380683785&reelId=15380683785&reelMediaTakenAt=1582738618&viewSeenAt=1582739000", seen.FormBody);
    }

    [Fact]
    public void Json_requests_carry_the_web_app_headers_but_never_the_cookies()
    {
        var post = InstagramEndpoints.LikePost("1").Headers(Session);
        Assert.Equal("csrf123", post["X-CSRFToken"]);
        Assert.Equal("936619743392459", post["X-IG-App-ID"]);
        Assert.Equal("XMLHttpRequest", post["X-Requested-With"]);
        Assert.Equal("application/json", post["Accept"]);
        Assert.Equal("application/x-www-form-urlencoded", post["Content-Type"]);
        Assert.DoesNotContain(post, h => h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase) || h.Value.Contains("secret-session"));

        var get = InstagramEndpoints.StoryTray().Headers(Session with { AppId = "1217981644879628" });
        Assert.Equal("1217981644879628", get["X-IG-App-ID"]);
        Assert.False(get.ContainsKey("Content-Type"));
        Assert.False(InstagramEndpoints.StoryTray().Headers(SessionBundle.Anonymous).ContainsKey("X-CSRFToken"));
    }

    [Fact]
    public void Media_downloads_keep_their_absolute_url_and_send_no_json_headers()
    {
        var url = new Uri("https://scontent-frx5-1.cdninstagram.com/v/t50.2886-16/83581233_n.mp4?_nc_ht=x&oh=ec5a");
        var request = InstagramEndpoints.MediaDownload(url);
        Assert.Equal(url, request.Resolve(new Uri("http://127.0.0.1:5090/")));
        Assert.False(request.ExpectsJson);
        Assert.Equal(new Dictionary<string, string> { ["Accept"] = "*/*" }, request.Headers(Session));
        Assert.Throws<ArgumentException>(() => InstagramEndpoints.MediaDownload(new Uri("file:///etc/passwd")));
    }

    [Fact]
    public void Paths_resolve_against_the_simulator_base_url()
    {
        Assert.Equal("http://127.0.0.1:5090/api/v1/feed/reels_tray/", InstagramEndpoints.StoryTray().Resolve(new Uri("http://127.0.0.1:5090/")).AbsoluteUri);
    }

    [Theory]
    [InlineData("../../accounts/logout")]
    [InlineData("12a")]
    [InlineData("")]
    [InlineData("1/2")]
    public void Ids_that_are_not_numeric_never_reach_a_path(string id)
    {
        Assert.ThrowsAny<ArgumentException>(() => InstagramEndpoints.LikePost(id));
        Assert.ThrowsAny<ArgumentException>(() => InstagramEndpoints.Comments(id));
        Assert.ThrowsAny<ArgumentException>(() => InstagramEndpoints.FollowPage(FollowDirection.Followers, id));
        Assert.ThrowsAny<ArgumentException>(() => InstagramEndpoints.PostByShortcode(id == "12a" ? "a/b" : id));
    }

    [Fact]
    public void A_request_prints_without_its_form_values()
    {
        var request = InstagramEndpoints.SendDirectMessage("42", "a private message", "c");
        Assert.DoesNotContain("private message", request.ToString());
        Assert.Contains("send_direct_message", request.ToString());
    }
}
