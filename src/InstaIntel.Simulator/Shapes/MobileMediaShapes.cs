using System.Text.Json.Nodes;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Shapes;

/// <summary>The mobile API's media and comment objects: feed_items[].media_or_ad (mobile_timeline_feed.json) and
/// comments[] (mobile_media_comments.json).</summary>
internal static class MobileMediaShapes
{
    private static readonly int[] CandidateWidths = [1080, 750, 640, 480, 320, 240, 150];

    public static JsonObject FeedMedia(ShapeContext context, SimPost post)
    {
        var owner = context.Network.Profile(post.OwnerIndex);
        var comments = context.Comments(post);
        var likers = context.Network.Graph.Followers(owner.Index).ToArray().Take(3).Select(context.Network.Profile).ToArray();
        var taken = ShapeContext.Unix(post.TakenAt);
        var media = new JsonObject
        {
            ["taken_at"] = taken,
            ["pk"] = post.PkText,
            ["id"] = post.MediaId,
            ["device_timestamp"] = taken * 1_000_000,
            ["media_type"] = (int)post.Kind,
            ["code"] = post.Shortcode,
            ["client_cache_key"] = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(post.PkText)) + ".2",
            ["filter_type"] = 0,
            ["accessibility_caption"] = $"Photo by {owner.FullName}.",
            ["is_unified_video"] = false,
            ["should_request_ads"] = false,
            ["user"] = MobileUserShapes.User(context, owner),
            ["can_viewer_reshare"] = true,
            ["caption_is_edited"] = false,
            ["like_and_view_counts_disabled"] = false,
            ["commerciality_status"] = "not_commercial",
            ["is_paid_partnership"] = false,
            ["comment_likes_enabled"] = true,
            ["comment_threading_enabled"] = true,
            ["has_more_comments"] = comments.Count > 2,
            ["max_num_visible_preview_comments"] = 2,
            ["preview_comments"] = Json.Array(comments.TakeLast(2).Select(c => (JsonNode)Comment(context, c))),
            ["comments"] = new JsonArray(),
            ["can_view_more_preview_comments"] = comments.Count > 2,
            ["comment_count"] = comments.Count,
            ["hide_view_all_comment_entrypoint"] = false,
            ["inline_composer_display_condition"] = "impression_trigger",
            ["image_versions2"] = ImageVersions(w => context.Urls.PostImage(post, w), post.Width, post.Height),
            ["original_width"] = post.Width,
            ["original_height"] = post.Height,
            ["like_count"] = context.LikeCount(post),
            ["has_liked"] = context.ViewerLiked(post),
            ["top_likers"] = new JsonArray(),
            ["facepile_top_likers"] = new JsonArray(),
            ["likers"] = Json.Array(likers.Select(l => (JsonNode)MobileUserShapes.ShortUser(context, l))),
            ["photo_of_you"] = false,
            ["can_see_insights_as_brand"] = false,
            ["caption"] = Caption(context, post, owner),
            ["can_viewer_save"] = true,
            ["organic_tracking_token"] = GraphMediaShapes.TrackingToken(post.Pk),
            ["sharing_friction_info"] = new JsonObject { ["should_have_sharing_friction"] = false, ["bloks_app_url"] = null },
            ["comment_inform_treatment"] = new JsonObject { ["should_have_inform_treatment"] = false, ["text"] = "" },
            ["product_type"] = post.Kind switch { PostKind.Video => "clips", PostKind.Carousel => "carousel_container", _ => "feed" },
            ["is_in_profile_grid"] = false,
            ["profile_grid_control_enabled"] = false,
            ["deleted_reason"] = 0,
            ["integrity_review_decision"] = "pending",
            ["music_metadata"] = null,
            ["inventory_source"] = "media_or_ad",
            ["is_seen"] = false,
            ["is_eof"] = false,
        };
        if (post.Location is not null)
        {
            media["location"] = new JsonObject
            {
                ["pk"] = 200_000_000L + Array.IndexOf(Vocabulary.Places, post.Location),
                ["short_name"] = post.Location,
                ["name"] = post.Location,
                ["address"] = "",
                ["city"] = post.Location,
                ["lng"] = 0.0,
                ["lat"] = 0.0,
                ["external_source"] = "facebook_places",
                ["facebook_places_id"] = 100_000_000_000L + Array.IndexOf(Vocabulary.Places, post.Location),
            };
        }
        if (post.IsVideo)
        {
            media["video_versions"] = new JsonArray(new JsonObject
            {
                ["type"] = 101,
                ["width"] = MediaClip.Width,
                ["height"] = MediaClip.Height,
                ["url"] = context.Urls.PostVideo(post),
                ["id"] = $"{post.PkText}v",
            });
            media["video_duration"] = post.VideoDuration;
            media["has_audio"] = false;
            media["play_count"] = post.VideoViewCount;
            media["view_count"] = post.VideoViewCount;
            media["video_codec"] = "avc1.42E01E";
            media["number_of_qualities"] = 1;
            media["is_dash_eligible"] = 0;
            media["video_dash_manifest"] = null;
        }
        if (post.Kind == PostKind.Carousel)
        {
            media["carousel_media_count"] = post.CarouselCount;
            media["carousel_media"] = Json.Array(Enumerable.Range(0, post.CarouselCount).Select(child =>
            {
                var childPk = MediaIds.CarouselChildPk(post.Pk, child);
                return (JsonNode)new JsonObject
                {
                    ["id"] = $"{MediaIds.Text(childPk)}_{owner.IdText}",
                    ["media_type"] = 1,
                    ["image_versions2"] = ImageVersions(w => context.Urls.CarouselImage(childPk, w), post.Width, post.Height),
                    ["original_width"] = post.Width,
                    ["original_height"] = post.Height,
                    ["pk"] = MediaIds.Text(childPk),
                    ["carousel_parent_id"] = post.MediaId,
                    ["can_see_insights_as_brand"] = false,
                    ["commerciality_status"] = "not_commercial",
                    ["sharing_friction_info"] = new JsonObject { ["should_have_sharing_friction"] = false, ["bloks_app_url"] = null },
                    ["comment_inform_treatment"] = new JsonObject { ["should_have_inform_treatment"] = false, ["text"] = "" },
                };
            }));
        }
        return media;
    }

    public static JsonObject ImageVersions(Func<int, string> url, int width, int height) => new()
    {
        ["candidates"] = Json.Array(CandidateWidths.Select(w => (JsonNode)new JsonObject
        {
            ["width"] = w,
            ["height"] = (int)Math.Round((double)height * w / width),
            ["url"] = url(w),
        })),
    };

    public static JsonObject Caption(ShapeContext context, SimPost post, SimProfile owner)
    {
        var created = ShapeContext.Unix(post.TakenAt);
        return new JsonObject
        {
            ["pk"] = MediaIds.Text(MediaIds.CommentPk(post.Pk, MediaIds.MaxCommentsPerPost - 1)),
            ["user_id"] = owner.Id,
            ["text"] = post.Caption,
            ["type"] = 1,
            ["created_at"] = created,
            ["created_at_utc"] = created,
            ["content_type"] = "comment",
            ["status"] = "Active",
            ["bit_flags"] = 0,
            ["did_report_as_spam"] = false,
            ["share_enabled"] = false,
            ["user"] = MobileUserShapes.User(context, owner),
            ["is_covered"] = false,
            ["media_id"] = post.PkText,
            ["private_reply_status"] = 0,
        };
    }

    public static JsonObject Comment(ShapeContext context, SimComment comment)
    {
        var author = context.Network.Profile(comment.AuthorIndex);
        var created = ShapeContext.Unix(comment.CreatedAt);
        return new JsonObject
        {
            ["pk"] = comment.Pk,
            ["user_id"] = author.Id,
            ["text"] = comment.Text,
            ["type"] = 0,
            ["created_at"] = created,
            ["created_at_utc"] = created,
            ["content_type"] = "comment",
            ["status"] = "Active",
            ["bit_flags"] = 0,
            ["user"] = MobileUserShapes.ShortUser(context, author),
            ["did_report_as_spam"] = false,
            ["share_enabled"] = false,
            ["has_liked_comment"] = false,
            ["comment_like_count"] = comment.LikeCount,
            ["inline_composer_display_condition"] = "never",
            ["restricted_status"] = 0,
        };
    }
}
