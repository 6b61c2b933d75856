using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Parses a profile's stories: GraphQL <c>data.reels_media[]</c>, or mobile <c>feed/reels_media</c>
/// (<c>reels{id: reel}</c> and/or <c>reels_media[]</c>). Video items keep their cover image.
/// </summary>
public static class StoryParser
{
    public static IReadOnlyList<StoryReel> ParseReels(string? body) => InstagramJson.Parse(body, "stories", root =>
    {
        if (root.OptionalObject("data") is { } data)
            return (IReadOnlyList<StoryReel>)data.OptionalArray("reels_media").Select(StoryReader.GraphQlReel).ToList();
        if (root.OptionalObject("reels") is { } reels)
            return reels.Properties().Select(p => StoryReader.MobileReel(p.Value)).ToList();
        if (root.Has("reels_media"))
            return root.Array("reels_media").Select(StoryReader.MobileReel).ToList();
        throw root.Malformed("neither data.reels_media nor reels");
    });

    /// <summary>The reel of <paramref name="ownerId"/>; an empty one when the response has none for it.</summary>
    public static StoryReel ParseReel(string? body, string ownerId) =>
        ParseReels(body).FirstOrDefault(reel => reel.OwnerId == ownerId) ?? StoryReel.Empty(ownerId);
}
