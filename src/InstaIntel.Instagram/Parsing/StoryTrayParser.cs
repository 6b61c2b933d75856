using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Parses the home story tray (mobile <c>feed/reels_tray</c>: <c>tray[]</c> of <c>{id, latest_reel_media, seen,
/// user, media_count}</c>). Ads (<c>is_ad</c>, <c>ad_id</c>) and entries without a user (lives, promos) are left out.
/// </summary>
public static class StoryTrayParser
{
    public static IReadOnlyList<StoryTrayEntry> Parse(string? body) => InstagramJson.Parse(body, "story tray", root =>
    {
        var entries = new List<StoryTrayEntry>();
        foreach (var entry in root.Array("tray"))
        {
            entry.RequireObject();
            if (entry.Bool("is_ad") == true || entry.Has("ad_id") || entry.OptionalObject("user") is not { } user) continue;
            var latest = entry.Time("latest_reel_media");
            var seen = entry.Time("seen");
            entries.Add(new StoryTrayEntry(
                UserReader.Read(user),
                latest,
                seen,
                entry.Int("media_count"),
                HasUnseen: latest is { } l && (seen is not { } s || l > s)));
        }
        return (IReadOnlyList<StoryTrayEntry>)entries;
    });
}
