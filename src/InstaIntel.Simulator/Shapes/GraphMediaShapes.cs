using System.Text.Json.Nodes;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Shapes;

/// <summary>Web GraphQL post shapes: timeline nodes (web_profile_graphql_user.json's edge_owner_to_timeline_media),
/// shortcode_media (graphql_post_image.json, graphql_post_video.json) and comment nodes (graphql_post_comments.json).</summary>
internal static class GraphMediaShapes
{
    public const int ShortcodeMediaComments = 24;

    public static string TypeName(SimPost post) => post.Kind switch
    {
        PostKind.Video => "GraphVideo",
        PostKind.Carousel => "GraphSidecar",
        _ => "GraphImage",
    };

    public static JsonObject TimelineNode(ShapeContext context, SimPost post, SimProfile owner)
    {
        var node = new JsonObject
        {
            ["__typename"] = TypeName(post),
            ["id"] = post.PkText,
            ["shortcode"] = post.Shortcode,
            ["dimensions"] = Dimensions(post.Width, post.Height),
            ["display_url"] = context.Urls.PostImage(post),
            ["gating_info"] = null,
            ["fact_check_overall_rating"] = null,
            ["fact_check_information"] = null,
            ["media_overlay_info"] = null,
            ["media_preview"] = null,
            ["owner"] = new JsonObject { ["id"] = owner.IdText, ["username"] = owner.Username },
            ["is_video"] = post.IsVideo,
            ["accessibility_caption"] = AccessibilityCaption(post, owner),
            ["edge_media_to_caption"] = Caption(post),
            ["edge_media_to_comment"] = new JsonObject { ["count"] = context.Comments(post).Count },
            ["comments_disabled"] = false,
            ["taken_at_timestamp"] = ShapeContext.Unix(post.TakenAt),
            ["edge_liked_by"] = new JsonObject { ["count"] = context.LikeCount(post) },
            ["edge_media_preview_like"] = new JsonObject { ["count"] = context.LikeCount(post) },
            ["location"] = Location(post),
            ["thumbnail_src"] = context.Urls.PostImage(post, 640),
            ["thumbnail_resources"] = Json.Array(new[] { 150, 240, 320, 480, 640 }.Select(w => (JsonNode)Resource(context.Urls.PostImage(post, w), w, w))),
            ["felix_profile_grid_crop"] = null,
            ["product_type"] = post.IsVideo ? "clips" : "feed",
        };
        if (post.IsVideo)
        {
            node["video_view_count"] = post.VideoViewCount;
            node["video_url"] = context.Urls.PostVideo(post);
            node["video_duration"] = post.VideoDuration;
        }
        if (post.Kind == PostKind.Carousel)
            node["edge_sidecar_to_children"] = SidecarChildren(context, post, owner);
        return node;
    }

    public static JsonObject ShortcodeMedia(ShapeContext context, SimPost post)
    {
        var owner = context.Network.Profile(post.OwnerIndex);
        var comments = context.Comments(post);
        var (firstComments, next) = Cursor.Page(comments, 0, ShortcodeMediaComments);
        var likers = context.Network.Graph.Followers(owner.Index).ToArray().Take(3).Select(context.Network.Profile).ToArray();
        var media = new JsonObject
        {
            ["__typename"] = TypeName(post),
            ["id"] = post.PkText,
            ["shortcode"] = post.Shortcode,
            ["dimensions"] = Dimensions(post.Width, post.Height),
            ["gating_info"] = null,
            ["fact_check_overall_rating"] = null,
            ["fact_check_information"] = null,
            ["media_preview"] = null,
            ["display_url"] = context.Urls.PostImage(post),
            ["display_resources"] = DisplayResources(w => context.Urls.PostImage(post, w), post.Width, post.Height),
            ["accessibility_caption"] = AccessibilityCaption(post, owner),
            ["is_video"] = post.IsVideo,
            ["tracking_token"] = TrackingToken(post.Pk),
            ["edge_media_to_tagged_user"] = new JsonObject { ["edges"] = new JsonArray() },
            ["edge_media_to_caption"] = Caption(post),
            ["caption_is_edited"] = false,
            ["has_ranked_comments"] = false,
            ["edge_media_to_parent_comment"] = new JsonObject
            {
                ["count"] = comments.Count,
                ["page_info"] = Json.PageInfo(next is not null, next),
                ["edges"] = Json.Array(firstComments.Select(c => (JsonNode)new JsonObject { ["node"] = ParentCommentNode(context, c) })),
            },
            ["edge_media_preview_comment"] = new JsonObject
            {
                ["count"] = comments.Count,
                ["edges"] = Json.Array(comments.TakeLast(2).Select(c => (JsonNode)new JsonObject { ["node"] = CommentNode(context, c) })),
            },
            ["comments_disabled"] = false,
            ["commenting_disabled_for_viewer"] = false,
            ["taken_at_timestamp"] = ShapeContext.Unix(post.TakenAt),
            ["edge_media_preview_like"] = new JsonObject
            {
                ["count"] = context.LikeCount(post),
                ["edges"] = Json.Array(likers.Select(l => (JsonNode)new JsonObject
                {
                    ["node"] = new JsonObject
                    {
                        ["id"] = l.IdText,
                        ["is_verified"] = l.IsVerified,
                        ["profile_pic_url"] = context.Urls.ProfilePicture(l),
                        ["username"] = l.Username,
                    },
                })),
            },
            ["edge_media_to_sponsor_user"] = new JsonObject { ["edges"] = new JsonArray() },
            ["location"] = Location(post),
            ["viewer_has_liked"] = context.ViewerLiked(post),
            ["viewer_has_saved"] = false,
            ["viewer_has_saved_to_collection"] = false,
            ["viewer_in_photo_of_you"] = false,
            ["viewer_can_reshare"] = true,
            ["owner"] = new JsonObject
            {
                ["id"] = owner.IdText,
                ["is_verified"] = owner.IsVerified,
                ["profile_pic_url"] = context.Urls.ProfilePicture(owner),
                ["username"] = owner.Username,
                ["blocked_by_viewer"] = false,
                ["followed_by_viewer"] = context.ViewerFollows(owner),
                ["full_name"] = owner.FullName,
                ["has_blocked_viewer"] = false,
                ["is_private"] = owner.IsPrivate,
                ["is_unpublished"] = false,
                ["requested_by_viewer"] = false,
            },
            ["is_ad"] = false,
            ["edge_web_media_to_related_media"] = new JsonObject { ["edges"] = new JsonArray() },
        };
        if (post.IsVideo)
        {
            media["dash_info"] = new JsonObject { ["is_dash_eligible"] = false, ["video_dash_manifest"] = null, ["number_of_qualities"] = 1 };
            media["video_url"] = context.Urls.PostVideo(post);
            media["video_view_count"] = post.VideoViewCount;
            media["encoding_status"] = null;
            media["is_published"] = true;
            media["product_type"] = "feed";
            media["title"] = "";
            media["video_duration"] = post.VideoDuration;
            media["thumbnail_src"] = context.Urls.PostImage(post, 640);
        }
        if (post.Kind == PostKind.Carousel)
            media["edge_sidecar_to_children"] = SidecarChildren(context, post, owner);
        return media;
    }

    /// <summary>A comment node of edge_media_to_comment / edge_media_preview_comment.</summary>
    public static JsonObject CommentNode(ShapeContext context, SimComment comment)
    {
        var author = context.Network.Profile(comment.AuthorIndex);
        return new JsonObject
        {
            ["id"] = comment.PkText,
            ["text"] = comment.Text,
            ["created_at"] = ShapeContext.Unix(comment.CreatedAt),
            ["did_report_as_spam"] = false,
            ["owner"] = new JsonObject
            {
                ["id"] = author.IdText,
                ["is_verified"] = author.IsVerified,
                ["profile_pic_url"] = context.Urls.ProfilePicture(author),
                ["username"] = author.Username,
            },
            ["viewer_has_liked"] = false,
            ["edge_liked_by"] = new JsonObject { ["count"] = comment.LikeCount },
            ["is_restricted_pending"] = false,
        };
    }

    private static JsonObject ParentCommentNode(ShapeContext context, SimComment comment)
    {
        var node = CommentNode(context, comment);
        node["edge_threaded_comments"] = new JsonObject
        {
            ["count"] = 0,
            ["page_info"] = Json.PageInfo(false, null),
            ["edges"] = new JsonArray(),
        };
        return node;
    }

    private static JsonObject SidecarChildren(ShapeContext context, SimPost post, SimProfile owner) => new()
    {
        ["edges"] = Json.Array(Enumerable.Range(0, post.CarouselCount).Select(child =>
        {
            var childPk = MediaIds.CarouselChildPk(post.Pk, child);
            return (JsonNode)new JsonObject
            {
                ["node"] = new JsonObject
                {
                    ["__typename"] = "GraphImage",
                    ["id"] = MediaIds.Text(childPk),
                    ["shortcode"] = MediaIds.Shortcode(childPk),
                    ["dimensions"] = Dimensions(post.Width, post.Height),
                    ["display_url"] = context.Urls.CarouselImage(childPk),
                    ["display_resources"] = DisplayResources(w => context.Urls.CarouselImage(childPk, w), post.Width, post.Height),
                    ["gating_info"] = null,
                    ["fact_check_overall_rating"] = null,
                    ["fact_check_information"] = null,
                    ["media_overlay_info"] = null,
                    ["media_preview"] = null,
                    ["owner"] = new JsonObject { ["id"] = owner.IdText, ["username"] = owner.Username },
                    ["is_video"] = false,
                    ["accessibility_caption"] = AccessibilityCaption(post, owner),
                },
            };
        })),
    };

    public static JsonObject Caption(SimPost post) => new()
    {
        ["edges"] = new JsonArray(new JsonObject { ["node"] = new JsonObject { ["text"] = post.Caption } }),
    };

    public static JsonObject Dimensions(int width, int height) => new() { ["height"] = height, ["width"] = width };

    public static JsonObject Resource(string url, int width, int height) => new()
    {
        ["src"] = url,
        ["config_width"] = width,
        ["config_height"] = height,
    };

    public static JsonArray DisplayResources(Func<int, string> url, int width, int height) =>
        Json.Array(new[] { 640, 750, 1080 }.Select(w => (JsonNode)Resource(url(w), w, (int)Math.Round((double)height * w / width))));

    public static JsonNode? Location(SimPost post) => post.Location is null
        ? null
        : new JsonObject
        {
            ["id"] = MediaIds.Text(200_000_000L + Array.IndexOf(Vocabulary.Places, post.Location)),
            ["has_public_page"] = true,
            ["name"] = post.Location,
            ["slug"] = post.Location.ToLowerInvariant(),
        };

    private static string AccessibilityCaption(SimPost post, SimProfile owner) => post.Visual.Scene switch
    {
        VisualScene.Portrait => $"Photo by {owner.FullName}. May be an image of 1 person.",
        VisualScene.Group => $"Photo by {owner.FullName}. May be an image of one or more people.",
        _ => $"Photo by {owner.FullName}. May be an image of outdoors.",
    };

    public static string TrackingToken(long pk) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{{\"version\":5,\"payload\":{{\"media\":\"{pk}\"}}}}"));
}
