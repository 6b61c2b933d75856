using System.Text.Json.Nodes;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Shapes;

/// <summary>The mobile API's user objects (mobile_timeline_feed.json's user, mobile_media_comments.json's user).</summary>
internal static class MobileUserShapes
{
    public static JsonObject User(ShapeContext context, SimProfile profile, bool withFriendship = true)
    {
        var stories = context.CanSeeContent(profile) ? context.ActiveStories(profile) : [];
        var user = new JsonObject
        {
            ["pk"] = profile.Id,
            ["pk_id"] = profile.IdText,
            ["username"] = profile.Username,
            ["full_name"] = profile.FullName,
            ["is_private"] = profile.IsPrivate,
            ["profile_pic_url"] = context.Urls.ProfilePicture(profile),
            ["profile_pic_id"] = $"{MediaIds.Text(MediaIds.PostBase - 1 - profile.Index)}_{profile.IdText}",
            ["is_verified"] = profile.IsVerified,
            ["follow_friction_type"] = 0,
            ["has_anonymous_profile_picture"] = false,
            ["is_unpublished"] = false,
            ["is_favorite"] = false,
            ["has_highlight_reels"] = profile.HighlightCount > 0,
            ["latest_reel_media"] = stories.Count > 0 ? ShapeContext.Unix(stories.Max(s => s.TakenAt)) : 0,
        };
        if (withFriendship)
        {
            user["friendship_status"] = new JsonObject
            {
                ["following"] = context.ViewerFollows(profile),
                ["followed_by"] = context.FollowsViewer(profile),
                ["outgoing_request"] = false,
                ["is_muting_reel"] = false,
                ["is_bestie"] = false,
                ["is_restricted"] = false,
                ["is_feed_favorite"] = false,
            };
        }
        return user;
    }

    /// <summary>The short user of comments and likers.</summary>
    public static JsonObject ShortUser(ShapeContext context, SimProfile profile) => new()
    {
        ["pk"] = profile.Id,
        ["pk_id"] = profile.IdText,
        ["username"] = profile.Username,
        ["full_name"] = profile.FullName,
        ["is_private"] = profile.IsPrivate,
        ["profile_pic_url"] = context.Urls.ProfilePicture(profile),
        ["profile_pic_id"] = $"{MediaIds.Text(MediaIds.PostBase - 1 - profile.Index)}_{profile.IdText}",
        ["is_verified"] = profile.IsVerified,
    };
}
