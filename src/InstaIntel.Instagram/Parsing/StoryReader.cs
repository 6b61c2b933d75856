using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Parsing;

/// <summary>Reads reels and their items from GraphQL <c>reels_media</c> and mobile <c>reels</c>/<c>reels_media</c>.</summary>
internal static class StoryReader
{
    public static StoryReel GraphQlReel(JsonCursor reel)
    {
        reel.RequireObject();
        var owner = reel.OptionalObject("owner") ?? reel.OptionalObject("user");
        var ownerId = owner?.OptionalId("id", "pk") ?? reel.Id("id");
        var items = reel.OptionalArray("items").Select(item => GraphQlItem(item, ownerId)).ToList();
        return new StoryReel(ownerId, owner?.OptionalString("username"), reel.Time("expiring_at"), reel.Time("latest_reel_media"), items);
    }

    public static StoryReel MobileReel(JsonCursor reel)
    {
        reel.RequireObject();
        var user = reel.OptionalObject("user") ?? reel.OptionalObject("owner");
        var ownerId = user?.OptionalId("pk", "id", "pk_id") ?? reel.Id("id");
        var items = reel.OptionalArray("items").Select(item => MobileItem(item, ownerId)).ToList();
        return new StoryReel(ownerId, user?.OptionalString("username"), reel.Time("expiring_at"), reel.Time("latest_reel_media"), items);
    }

    private static StoryItem GraphQlItem(JsonCursor item, string reelOwnerId)
    {
        item.RequireObject();
        var isVideo = item.OptionalString("__typename") switch
        {
            "GraphStoryVideo" => true,
            "GraphStoryImage" => false,
            _ => item.Bool("is_video") ?? item.OptionalArray("video_resources").Count > 0,
        };
        var dimensions = item.OptionalObject("dimensions");
        return new StoryItem(
            item.Id("id"),
            item.OptionalObject("owner")?.OptionalId("id") ?? reelOwnerId,
            isVideo ? MediaType.Video : MediaType.Image,
            item.Time("taken_at_timestamp"),
            item.Time("expiring_at_timestamp"),
            MediaReader.GraphQlImage(item),
            MediaReader.Widest(item.OptionalArray("video_resources"), "config_width", "src"),
            item.Double("video_duration"),
            dimensions?.Int("width"),
            dimensions?.Int("height"));
    }

    private static StoryItem MobileItem(JsonCursor item, string reelOwnerId)
    {
        item.RequireObject();
        var type = MediaReader.MobileType(item, hasChildren: false);
        return new StoryItem(
            MediaReader.MobileMediaId(item),
            item.OptionalObject("user")?.OptionalId("pk", "id") ?? reelOwnerId,
            type == MediaType.Video ? MediaType.Video : MediaType.Image,
            item.Time("taken_at"),
            item.Time("expiring_at"),
            MediaReader.MobileImage(item),
            MediaReader.Widest(item.OptionalArray("video_versions"), "width", "url"),
            item.Double("video_duration"),
            item.Int("original_width"),
            item.Int("original_height"));
    }
}
