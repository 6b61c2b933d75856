using System.Text.Json.Nodes;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Shapes;

/// <summary>A profile's live stories as the web GraphQL reels_media query returns them (graphql_reels_media.json).</summary>
internal static class GraphStoryShapes
{
    public const int StoryWidth = 1080;
    public const int StoryHeight = 1920;

    public static JsonObject ReelMedia(ShapeContext context, SimProfile owner, IReadOnlyList<SimStory> stories)
    {
        var user = new JsonObject
        {
            ["id"] = owner.IdText,
            ["profile_pic_url"] = context.Urls.ProfilePicture(owner),
            ["username"] = owner.Username,
            ["followed_by_viewer"] = context.ViewerFollows(owner),
            ["requested_by_viewer"] = false,
        };
        var seen = context.SeenUpTo(owner);
        return new JsonObject
        {
            ["__typename"] = "GraphReel",
            ["id"] = owner.IdText,
            ["latest_reel_media"] = ShapeContext.Unix(stories.Max(s => s.TakenAt)),
            ["can_reply"] = true,
            ["owner"] = new JsonObject
            {
                ["__typename"] = "GraphUser",
                ["id"] = owner.IdText,
                ["profile_pic_url"] = context.Urls.ProfilePicture(owner),
                ["username"] = owner.Username,
                ["followed_by_viewer"] = context.ViewerFollows(owner),
                ["requested_by_viewer"] = false,
            },
            ["can_reshare"] = true,
            ["expiring_at"] = ShapeContext.Unix(stories.Max(s => s.ExpiringAt)),
            ["has_besties_media"] = null,
            ["has_pride_media"] = null,
            ["seen"] = seen > 0 ? seen : null,
            ["user"] = user,
            ["items"] = Json.Array(stories.Select(story => (JsonNode)Item(context, story, user))),
        };
    }

    private static JsonObject Item(ShapeContext context, SimStory story, JsonObject user)
    {
        var item = new JsonObject
        {
            ["audience"] = "MediaAudience.DEFAULT",
            ["edge_story_media_viewers"] = GraphUserShapes.EmptyEdge(),
            ["__typename"] = story.IsVideo ? "GraphStoryVideo" : "GraphStoryImage",
            ["id"] = story.PkText,
            ["dimensions"] = GraphMediaShapes.Dimensions(StoryWidth, StoryHeight),
            ["display_resources"] = GraphMediaShapes.DisplayResources(w => context.Urls.StoryImage(story, w), StoryWidth, StoryHeight),
            ["display_url"] = context.Urls.StoryImage(story),
            ["media_preview"] = null,
            ["gating_info"] = null,
            ["fact_check_overall_rating"] = null,
            ["fact_check_information"] = null,
            ["taken_at_timestamp"] = ShapeContext.Unix(story.TakenAt),
            ["expiring_at_timestamp"] = ShapeContext.Unix(story.ExpiringAt),
            ["story_cta_url"] = null,
            ["story_view_count"] = null,
            ["is_video"] = story.IsVideo,
            ["owner"] = user.DeepClone(),
            ["tracking_token"] = GraphMediaShapes.TrackingToken(story.Pk),
            ["tappable_objects"] = TappableObjects(context, story),
            ["story_app_attribution"] = null,
            ["edge_media_to_sponsor_user"] = new JsonObject { ["edges"] = new JsonArray() },
        };
        if (story.IsVideo)
        {
            item["has_audio"] = false;
            item["overlay_image_resources"] = null;
            item["video_duration"] = story.VideoDuration;
            item["video_resources"] = new JsonArray(new JsonObject
            {
                ["src"] = context.Urls.StoryVideo(story),
                ["config_width"] = MediaClip.Width,
                ["config_height"] = MediaClip.Height,
                ["mime_type"] = "video/mp4; codecs=\"avc1.42E01E\"",
                ["profile"] = "BASELINE",
            });
        }
        return item;
    }

    // The overlay text's mention and hashtag, as tappable stickers at the caption band.
    private static JsonArray TappableObjects(ShapeContext context, SimStory story)
    {
        var objects = new JsonArray();
        if (story.MentionIndex is { } mentionIndex)
        {
            var mentioned = context.Network.Profile(mentionIndex);
            objects.Add(new JsonObject
            {
                ["__typename"] = "GraphTappableMention",
                ["x"] = 0.4,
                ["y"] = 0.82,
                ["width"] = 0.4,
                ["height"] = 0.05,
                ["rotation"] = 0,
                ["custom_title"] = null,
                ["attribution"] = null,
                ["id"] = mentioned.IdText,
                ["username"] = mentioned.Username,
                ["full_name"] = mentioned.FullName,
                ["is_private"] = mentioned.IsPrivate,
            });
        }
        objects.Add(new JsonObject
        {
            ["__typename"] = "GraphTappableHashtag",
            ["x"] = 0.7,
            ["y"] = 0.82,
            ["width"] = 0.25,
            ["height"] = 0.05,
            ["rotation"] = 0,
            ["custom_title"] = null,
            ["attribution"] = null,
            ["name"] = story.Hashtag,
        });
        return objects;
    }
}
