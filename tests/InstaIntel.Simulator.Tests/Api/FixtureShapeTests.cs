using System.Text.Json.Nodes;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Network;
using InstaIntel.Simulator.Tests.Support;

namespace InstaIntel.Simulator.Tests.Api;

/// <summary>
/// Every endpoint's JSON against the captured fixture of that endpoint: the key paths a client reads exist in the
/// fixture (so the list is right) and in the simulator's response (so the shape is the same).
/// </summary>
public sealed class FixtureShapeTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private Hosting.SimulatorHost Simulator => fixture.Simulator;
    private SimulatedNetwork Network => Simulator.Network;

    private static readonly string[] FollowNodePaths =
    [
        "count", "page_info.has_next_page", "page_info.end_cursor", "edges[].node.id", "edges[].node.username",
        "edges[].node.full_name", "edges[].node.profile_pic_url", "edges[].node.is_verified", "edges[].node.followed_by_viewer",
        "edges[].node.requested_by_viewer",
    ];

    [Fact]
    public async Task Followers_match_graphql_followers_json()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var response = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.Followers, new { id = Simulator.DemoAccount.IdText, first = 24 }));

        string[] reel = ["edges[].node.is_private", "edges[].node.reel.id", "edges[].node.reel.expiring_at", "edges[].node.reel.latest_reel_media",
            "edges[].node.reel.seen", "edges[].node.reel.owner.__typename", "edges[].node.reel.owner.id", "edges[].node.reel.owner.username",
            "edges[].node.reel.owner.profile_pic_url"];
        JsonPaths.AssertShared(InstagramFixtures.Load("graphql_followers.json"), response, [.. FollowNodePaths, .. reel], "data.user.edge_followed_by.", "data.user.edge_followed_by.");
        JsonPaths.AssertShared(InstagramFixtures.Load("graphql_followers.json"), response, ["status"]);
    }

    [Fact]
    public async Task Following_matches_graphql_following_json()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var response = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.Following, new { id = Simulator.DemoAccount.IdText, first = 24 }));

        JsonPaths.AssertShared(InstagramFixtures.Load("graphql_following.json"), response, FollowNodePaths, "data.user.edge_follow.", "data.user.edge_follow.");
    }

    [Fact]
    public async Task Web_profile_info_user_matches_web_profile_graphql_user_json()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        // A profile whose first twelve posts include a carousel, so the sidecar paths can be compared.
        var profile = Network.Profiles.Skip(3).First(p => !p.IsPrivate && Network.PostsOf(p).Take(12).Any(x => x.Kind == PostKind.Carousel) && Network.PostsOf(p).Take(12).Any(x => x.IsVideo));
        var response = await client.GetJsonAsync($"/api/v1/users/web_profile_info/?username={profile.Username}");

        string[] paths =
        [
            "biography", "blocked_by_viewer", "country_block", "external_url", "edge_followed_by.count", "followed_by_viewer",
            "edge_follow.count", "follows_viewer", "full_name", "has_blocked_viewer", "highlight_reel_count", "id",
            "is_business_account", "business_category_name", "category_enum", "is_private", "is_verified",
            "edge_mutual_followed_by.count", "edge_mutual_followed_by.edges", "profile_pic_url", "profile_pic_url_hd", "requested_by_viewer", "username",
            "connected_fb_page", "edge_felix_video_timeline.count", "edge_felix_video_timeline.page_info.has_next_page",
            "edge_owner_to_timeline_media.count", "edge_owner_to_timeline_media.page_info.has_next_page", "edge_owner_to_timeline_media.page_info.end_cursor",
            "edge_owner_to_timeline_media.edges[].node.__typename", "edge_owner_to_timeline_media.edges[].node.id",
            "edge_owner_to_timeline_media.edges[].node.shortcode", "edge_owner_to_timeline_media.edges[].node.dimensions.height",
            "edge_owner_to_timeline_media.edges[].node.dimensions.width", "edge_owner_to_timeline_media.edges[].node.display_url",
            "edge_owner_to_timeline_media.edges[].node.owner.id", "edge_owner_to_timeline_media.edges[].node.owner.username",
            "edge_owner_to_timeline_media.edges[].node.is_video", "edge_owner_to_timeline_media.edges[].node.accessibility_caption",
            "edge_owner_to_timeline_media.edges[].node.edge_media_to_caption.edges[].node.text",
            "edge_owner_to_timeline_media.edges[].node.edge_media_to_comment.count", "edge_owner_to_timeline_media.edges[].node.comments_disabled",
            "edge_owner_to_timeline_media.edges[].node.taken_at_timestamp", "edge_owner_to_timeline_media.edges[].node.edge_liked_by.count",
            "edge_owner_to_timeline_media.edges[].node.edge_media_preview_like.count", "edge_owner_to_timeline_media.edges[].node.location",
            "edge_owner_to_timeline_media.edges[].node.thumbnail_src", "edge_owner_to_timeline_media.edges[].node.thumbnail_resources[].src",
            "edge_owner_to_timeline_media.edges[].node.thumbnail_resources[].config_width", "edge_owner_to_timeline_media.edges[].node.thumbnail_resources[].config_height",
            "edge_owner_to_timeline_media.edges[].node.video_view_count",
            "edge_owner_to_timeline_media.edges[].node.edge_sidecar_to_children.edges[].node.__typename",
            "edge_owner_to_timeline_media.edges[].node.edge_sidecar_to_children.edges[].node.id",
            "edge_owner_to_timeline_media.edges[].node.edge_sidecar_to_children.edges[].node.display_url",
            "edge_owner_to_timeline_media.edges[].node.edge_sidecar_to_children.edges[].node.is_video",
            "edge_saved_media.count", "edge_media_collections.count",
        ];
        JsonPaths.AssertShared(InstagramFixtures.Load("web_profile_graphql_user.json"), response, paths, "graphql.user.", "data.user.");
        JsonPaths.AssertShared(InstagramFixtures.Load("web_profile_a1_user_legacy.json"), response,
            ["biography", "edge_followed_by.count", "edge_follow.count", "edge_owner_to_timeline_media.edges[].node.display_url", "is_private", "username"], "graphql.user.", "data.user.");
        Assert.Equal("ok", response["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reels_media_matches_graphql_reels_media_json()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var now = fixture.Time.GetUtcNow();
        // Several followed storytellers, so that image and video items both appear.
        var owners = Network.FollowingOf("demo_user").Select(Network.Profile).Where(p => Network.ActiveStoriesOf(p, now).Count > 0).Take(20).ToArray();
        Assert.Contains(owners, o => Network.ActiveStoriesOf(o, now).Any(s => s.IsVideo));
        var response = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.ReelsMedia, new { reel_ids = owners.Select(o => o.IdText).ToArray(), precomposed_overlay = false }));

        string[] paths =
        [
            "__typename", "id", "latest_reel_media", "can_reply", "owner.__typename", "owner.id", "owner.profile_pic_url", "owner.username",
            "can_reshare", "expiring_at", "seen", "user.id", "user.username", "user.profile_pic_url",
            "items[].__typename", "items[].id", "items[].dimensions.height", "items[].dimensions.width", "items[].display_resources[].src",
            "items[].display_resources[].config_width", "items[].display_resources[].config_height", "items[].display_url",
            "items[].taken_at_timestamp", "items[].expiring_at_timestamp", "items[].is_video", "items[].owner.id", "items[].owner.username",
            "items[].tracking_token", "items[].tappable_objects[].__typename", "items[].video_duration", "items[].video_resources[].src",
            "items[].video_resources[].config_width", "items[].video_resources[].mime_type", "items[].has_audio", "items[].audience",
            "items[].edge_story_media_viewers.count",
        ];
        JsonPaths.AssertShared(InstagramFixtures.Load("graphql_reels_media.json"), response, paths, "data.reels_media[].", "data.reels_media[].");
        Assert.Equal(owners.Length, response["data"]!["reels_media"]!.AsArray().Count);
    }

    [Fact]
    public async Task Reel_and_chaining_matches_graphql_user_reel_and_chaining_json()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var profile = Network.Profiles.Skip(3).First(p => !p.IsPrivate && p.HighlightCount > 0 && p.FollowingCount > 15);
        var response = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.ReelAndChaining, new { user_id = profile.IdText, include_chaining = true, include_reel = true }));

        string[] paths =
        [
            "user.is_live", "user.reel.__typename", "user.reel.id", "user.reel.expiring_at", "user.reel.latest_reel_media", "user.reel.seen",
            "user.reel.owner.id", "user.reel.owner.username", "user.reel.user.id", "user.reel.user.username",
            "user.edge_chaining.edges[].node.id", "user.edge_chaining.edges[].node.username", "user.edge_chaining.edges[].node.full_name",
            "user.edge_chaining.edges[].node.is_private", "user.edge_chaining.edges[].node.is_verified", "user.edge_chaining.edges[].node.profile_pic_url",
            "user.edge_chaining.edges[].node.followed_by_viewer", "user.edge_highlight_reels.edges[].node.id", "user.edge_highlight_reels.edges[].node.title",
            "user.edge_highlight_reels.edges[].node.cover_media.thumbnail_src", "user.edge_highlight_reels.edges[].node.owner.username", "viewer",
        ];
        JsonPaths.AssertShared(InstagramFixtures.Load("graphql_user_reel_and_chaining.json"), response, paths, "data.", "data.");
    }

    private static readonly string[] ShortcodeMediaPaths =
    [
        "__typename", "id", "shortcode", "dimensions.height", "dimensions.width", "display_url", "display_resources[].src",
        "display_resources[].config_width", "is_video", "edge_media_to_caption.edges[].node.text", "edge_media_to_parent_comment.count",
        "edge_media_to_parent_comment.page_info.has_next_page", "edge_media_preview_comment.count", "comments_disabled",
        "taken_at_timestamp", "edge_media_preview_like.count", "location", "viewer_has_liked", "owner.id", "owner.username",
        "owner.full_name", "owner.is_private", "owner.profile_pic_url", "owner.followed_by_viewer", "is_ad",
    ];

    [Fact]
    public async Task An_image_post_matches_graphql_post_image_json()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var post = Network.PostsOf("demo_user").First(p => p.Kind == PostKind.Image && p.Location is not null && p.CommentCount > 0);
        var response = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.ShortcodeMedia, new { shortcode = post.Shortcode }));

        JsonPaths.AssertShared(InstagramFixtures.Load("graphql_post_image.json"), response,
            [.. ShortcodeMediaPaths, "accessibility_caption", "location.id", "location.name", "location.slug", "edge_media_preview_like.edges[].node.username"], "data.shortcode_media.", "data.shortcode_media.");
        Assert.Equal(post.PkText, response["data"]!["shortcode_media"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_video_post_matches_graphql_post_video_json()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var post = Network.Profiles.Skip(3).Where(p => !p.IsPrivate).SelectMany(Network.PostsOf).First(p => p.IsVideo && p.CommentCount > 2);
        var response = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.ShortcodeMedia, new { shortcode = post.Shortcode }));

        string[] video =
        [
            "video_url", "video_view_count", "video_duration", "dash_info.is_dash_eligible", "product_type", "thumbnail_src",
            "edge_media_to_parent_comment.edges[].node.id", "edge_media_to_parent_comment.edges[].node.text",
            "edge_media_to_parent_comment.edges[].node.created_at", "edge_media_to_parent_comment.edges[].node.owner.id",
            "edge_media_to_parent_comment.edges[].node.owner.username", "edge_media_to_parent_comment.edges[].node.edge_liked_by.count",
            "edge_media_to_parent_comment.edges[].node.edge_threaded_comments.count", "edge_media_preview_comment.edges[].node.text",
        ];
        JsonPaths.AssertShared(InstagramFixtures.Load("graphql_post_video.json"), response, [.. ShortcodeMediaPaths, .. video], "data.shortcode_media.", "data.shortcode_media.");
    }

    [Fact]
    public async Task Graphql_comments_match_graphql_post_comments_json()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var post = Network.PostsOf("demo_user").First(p => p.CommentCount > 5);
        var response = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.PostComments, new { shortcode = post.Shortcode, first = 5 }));

        string[] paths =
        [
            "count", "page_info.has_next_page", "page_info.end_cursor", "edges[].node.id", "edges[].node.text", "edges[].node.created_at",
            "edges[].node.owner.id", "edges[].node.owner.username", "edges[].node.owner.profile_pic_url",
        ];
        JsonPaths.AssertShared(InstagramFixtures.Load("graphql_post_comments.json"), response, paths, "data.shortcode_media.edge_media_to_comment.", "data.shortcode_media.edge_media_to_comment.");
    }

    [Fact]
    public async Task Mobile_comments_match_mobile_media_comments_json()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var post = Network.PostsOf("demo_user").First(p => p.CommentCount > 0);
        var response = await client.GetJsonAsync($"/api/v1/media/{post.MediaId}/comments/?can_support_threading=true&permalink_enabled=true");

        string[] paths =
        [
            "comment_likes_enabled", "comments[].pk", "comments[].user_id", "comments[].text", "comments[].type", "comments[].created_at",
            "comments[].created_at_utc", "comments[].content_type", "comments[].status", "comments[].user.pk", "comments[].user.username",
            "comments[].user.full_name", "comments[].user.is_private", "comments[].user.profile_pic_url", "comments[].user.is_verified",
            "comments[].comment_like_count", "comments[].has_liked_comment", "comment_count", "caption.pk", "caption.text",
            "caption.created_at_utc", "caption.user.username", "has_more_comments", "has_more_headload_comments", "status",
        ];
        JsonPaths.AssertShared(InstagramFixtures.Load("mobile_media_comments.json"), response, paths);
    }

    [Fact]
    public async Task The_home_feed_matches_mobile_timeline_feed_json()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var response = await client.GetJsonAsync("/api/v1/feed/timeline/?count=50");

        string[] paths =
        [
            "num_results", "more_available", "next_max_id", "auto_load_more_enabled", "is_direct_v2_enabled", "status",
            "feed_items[].media_or_ad.taken_at", "feed_items[].media_or_ad.pk", "feed_items[].media_or_ad.id", "feed_items[].media_or_ad.media_type",
            "feed_items[].media_or_ad.code", "feed_items[].media_or_ad.user.pk", "feed_items[].media_or_ad.user.username",
            "feed_items[].media_or_ad.user.full_name", "feed_items[].media_or_ad.user.is_private", "feed_items[].media_or_ad.user.profile_pic_url",
            "feed_items[].media_or_ad.user.friendship_status.following", "feed_items[].media_or_ad.image_versions2.candidates[].url",
            "feed_items[].media_or_ad.image_versions2.candidates[].width", "feed_items[].media_or_ad.image_versions2.candidates[].height",
            "feed_items[].media_or_ad.original_width", "feed_items[].media_or_ad.original_height", "feed_items[].media_or_ad.like_count",
            "feed_items[].media_or_ad.has_liked", "feed_items[].media_or_ad.comment_count", "feed_items[].media_or_ad.caption.text",
            "feed_items[].media_or_ad.caption.pk", "feed_items[].media_or_ad.caption.created_at", "feed_items[].media_or_ad.caption.user.username",
            "feed_items[].media_or_ad.carousel_media_count", "feed_items[].media_or_ad.carousel_media[].id",
            "feed_items[].media_or_ad.carousel_media[].media_type", "feed_items[].media_or_ad.carousel_media[].image_versions2.candidates[].url",
            "feed_items[].media_or_ad.video_versions[].url", "feed_items[].media_or_ad.video_versions[].width",
            "feed_items[].media_or_ad.video_versions[].type", "feed_items[].media_or_ad.video_duration", "feed_items[].media_or_ad.has_audio",
            "feed_items[].media_or_ad.product_type", "feed_items[].media_or_ad.likers[].username", "feed_items[].media_or_ad.location.name",
            "feed_items[].media_or_ad.location.pk",
        ];
        JsonPaths.AssertShared(InstagramFixtures.Load("mobile_timeline_feed.json"), response, paths);
    }

    // No capture exists for these three: the paths are the contract's (docs/instagram-endpoints.md), which follows
    // dilame/instagram-private-api's src/responses type definitions (reels-tray.feed.response.ts,
    // direct-inbox.feed.response.ts, account.repository.current-user.response.ts).
    [Fact]
    public async Task The_story_tray_inbox_and_current_user_have_the_contract_paths()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var tray = await client.GetJsonAsync("/api/v1/feed/reels_tray/");
        var inbox = await client.GetJsonAsync("/api/v1/direct_v2/inbox/?limit=10&visual_message_return_type=unseen");
        var me = await client.GetJsonAsync("/api/v1/accounts/current_user/?edit=true");

        foreach (var path in new[] { "tray[].id", "tray[].latest_reel_media", "tray[].seen", "tray[].user.pk", "tray[].user.username",
            "tray[].user.full_name", "tray[].user.profile_pic_url", "tray[].media_count", "tray[].is_ad", "status" })
            Assert.True(JsonPaths.Exists(tray, path), path);
        Assert.Contains(tray["tray"]!.AsArray(), reel => reel!["is_ad"]!.GetValue<bool>());
        foreach (var path in new[] { "inbox.threads[].thread_id", "inbox.threads[].users[].pk", "inbox.threads[].users[].username",
            "inbox.threads[].users[].full_name", "inbox.threads[].users[].profile_pic_url", "inbox.threads[].last_activity_at",
            "inbox.oldest_cursor", "inbox.has_older", "status" })
            Assert.True(JsonPaths.Exists(inbox, path), path);
        foreach (var path in new[] { "user.pk", "user.username", "user.full_name", "user.profile_pic_url", "user.is_private", "status" })
            Assert.True(JsonPaths.Exists(me, path), path);
    }
}
