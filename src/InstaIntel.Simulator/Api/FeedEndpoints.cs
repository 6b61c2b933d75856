using System.Text.Json.Nodes;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Simulator.Shapes;

namespace InstaIntel.Simulator.Api;

/// <summary>The home screen: the story tray, the timeline feed, and a post's comments (mobile API shapes).</summary>
internal static class FeedEndpoints
{
    private const int PostsPerFollowedAccount = 3;
    private const int CommentsPageSize = 20;

    public static RouteGroupBuilder MapFeeds(this RouteGroupBuilder api)
    {
        api.MapGet("/api/v1/feed/reels_tray/", (HttpContext http, SimulatorState state) => ReelsTray(ShapeContext.For(http, state), state.Options.TrayAds));
        api.MapMethods("/api/v1/feed/timeline/", [HttpMethods.Get, HttpMethods.Post], (HttpContext http, SimulatorState state, int? count, string? max_id) =>
            Timeline(ShapeContext.For(http, state), count, max_id));
        api.MapGet("/api/v1/media/{mediaId}/comments/", (HttpContext http, SimulatorState state, string mediaId, string? max_id) =>
            Comments(ShapeContext.For(http, state), mediaId, max_id));
        return api;
    }

    /// <summary>Followed accounts with live stories: unseen reels first, then newest first (Instagram's order).</summary>
    public static IReadOnlyList<(SimProfile Owner, IReadOnlyList<SimStory> Stories)> TrayOf(ShapeContext context)
    {
        var reels = new List<(SimProfile Owner, IReadOnlyList<SimStory> Stories)>();
        foreach (var followed in context.Network.Graph.Following(context.Viewer!.Index))
        {
            var owner = context.Network.Profile(followed);
            var stories = context.ActiveStories(owner);
            if (stories.Count > 0)
                reels.Add((owner, stories));
        }
        return reels
            .OrderBy(reel => context.SeenUpTo(reel.Owner) >= ShapeContext.Unix(reel.Stories.Max(s => s.TakenAt)))
            .ThenByDescending(reel => reel.Stories.Max(s => s.TakenAt))
            .ThenBy(reel => reel.Owner.Index)
            .ToArray();
    }

    private static IResult ReelsTray(ShapeContext context, bool withAd)
    {
        var tray = new JsonArray();
        var position = 0;
        foreach (var (owner, stories) in TrayOf(context))
        {
            // A sponsored entry in third place, as Instagram mixes them in.
            if (withAd && position == 2)
                tray.Add(MobileTrayShapes.Ad(context, position++));
            tray.Add(MobileTrayShapes.Reel(context, owner, stories, position++));
        }
        return Json.Ok(new JsonObject
        {
            ["tray"] = tray,
            ["story_ranking_token"] = Guid.NewGuid().ToString(),
            ["broadcasts"] = new JsonArray(),
            ["sticker_version"] = 0,
            ["face_filter_nux_version"] = 0,
            ["has_new_nux_story"] = false,
            ["status"] = "ok",
        });
    }

    /// <summary>The viewer's home feed: the newest posts of the followed accounts (a few each), newest first.</summary>
    public static IReadOnlyList<SimPost> HomeFeedOf(ShapeContext context)
    {
        var posts = new List<SimPost>();
        foreach (var followed in context.Network.Graph.Following(context.Viewer!.Index))
            posts.AddRange(context.Network.PostsOf(context.Network.Profile(followed)).Take(PostsPerFollowedAccount));
        return posts.OrderByDescending(p => p.TakenAt).ThenBy(p => p.Pk).ToArray();
    }

    private static IResult Timeline(ShapeContext context, int? count, string? maxId)
    {
        if (Cursor.Decode(maxId) is not { } offset)
            return ApiErrors.BadRequest("invalid max_id");
        var feed = HomeFeedOf(context);
        var (page, next) = Cursor.Page(feed, offset, Math.Clamp(count ?? 12, 1, 50));
        return Json.Ok(new JsonObject
        {
            ["num_results"] = page.Count,
            ["more_available"] = next is not null,
            ["auto_load_more_enabled"] = true,
            ["is_direct_v2_enabled"] = true,
            ["next_max_id"] = next,
            ["feed_items"] = Json.Array(page.Select(post => (JsonNode)new JsonObject { ["media_or_ad"] = MobileMediaShapes.FeedMedia(context, post) })),
            ["pull_to_refresh_window_ms"] = 5000,
            ["preload_distance"] = 4,
            ["status"] = "ok",
        });
    }

    private static IResult Comments(ShapeContext context, string mediaId, string? maxId)
    {
        var post = MediaIds.ParseMediaId(mediaId) is { } pk ? context.Network.FindPost(pk) : null;
        if (post is null || !context.CanSeeContent(context.Network.Profile(post.OwnerIndex)))
            return ApiErrors.MediaNotFound();
        if (Cursor.Decode(maxId) is not { } offset)
            return ApiErrors.BadRequest("invalid max_id");
        var comments = context.Comments(post);
        var (page, next) = Cursor.Page(comments, offset, CommentsPageSize);
        var response = new JsonObject
        {
            ["comment_likes_enabled"] = true,
            ["comments"] = Json.Array(page.Select(c => (JsonNode)MobileMediaShapes.Comment(context, c))),
            ["comment_count"] = comments.Count,
            ["caption"] = MobileMediaShapes.Caption(context, post, context.Network.Profile(post.OwnerIndex)),
            ["caption_is_edited"] = false,
            ["has_more_comments"] = next is not null,
            ["has_more_headload_comments"] = false,
            ["media_header_display"] = "none",
            ["display_realtime_typing_indicator"] = true,
            ["preview_comments"] = new JsonArray(),
            ["can_view_more_preview_comments"] = false,
            ["status"] = "ok",
        };
        if (next is not null)
            response["next_max_id"] = next;
        return Json.Ok(response);
    }
}
