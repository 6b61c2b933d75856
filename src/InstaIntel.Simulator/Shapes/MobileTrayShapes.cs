using System.Text.Json.Nodes;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Shapes;

/// <summary>The story tray (/api/v1/feed/reels_tray/), in the mobile shape documented by dilame/instagram-private-api
/// (src/responses/reels-tray.feed.response.ts): tray[] of reels with id, latest_reel_media, seen, user, media_count.</summary>
internal static class MobileTrayShapes
{
    public static JsonObject Reel(ShapeContext context, SimProfile owner, IReadOnlyList<SimStory> stories, int position) => new()
    {
        ["id"] = owner.Id,
        ["strong_id__"] = owner.IdText,
        ["latest_reel_media"] = ShapeContext.Unix(stories.Max(s => s.TakenAt)),
        ["expiring_at"] = ShapeContext.Unix(stories.Max(s => s.ExpiringAt)),
        ["seen"] = context.SeenUpTo(owner),
        ["can_reply"] = true,
        ["can_reshare"] = true,
        ["reel_type"] = "user_reel",
        ["is_ad"] = false,
        ["user"] = MobileUserShapes.User(context, owner),
        ["ranked_position"] = position,
        ["seen_ranked_position"] = position,
        ["muted"] = false,
        ["prefetch_count"] = 0,
        ["media_count"] = stories.Count,
        ["media_ids"] = Json.Array(stories.Select(s => (JsonNode)s.Pk)),
        ["has_besties_media"] = false,
    };

    /// <summary>A sponsored tray entry: not a network profile, so a client that follows it gets 404s.</summary>
    public static JsonObject Ad(ShapeContext context, int position)
    {
        var adUserId = 9_000_000_000L + position;
        var now = ShapeContext.Unix(context.Now);
        return new JsonObject
        {
            ["id"] = adUserId,
            ["is_ad"] = true,
            ["reel_type"] = "ad_reel",
            ["latest_reel_media"] = now - 600,
            ["expiring_at"] = now + 86_400,
            ["seen"] = 0,
            ["ranked_position"] = position,
            ["media_count"] = 1,
            ["ad_expiry_timestamp_in_millis"] = (now + 86_400) * 1000,
            ["user"] = new JsonObject
            {
                ["pk"] = adUserId,
                ["pk_id"] = MediaIds.Text(adUserId),
                ["username"] = "sponsored_brand",
                ["full_name"] = "Sponsored Brand",
                ["is_private"] = false,
                ["profile_pic_url"] = context.Urls.ProfilePicture(context.Network.Profile(0)),
                ["is_verified"] = true,
            },
        };
    }
}
