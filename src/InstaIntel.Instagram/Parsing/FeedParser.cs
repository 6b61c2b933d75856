using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Parses the home feed (mobile <c>feed/timeline</c>): <c>feed_items[].media_or_ad</c> (or the older <c>items[]</c>),
/// <c>next_max_id</c>, <c>more_available</c>. Ads and non-media items (suggestions, end-of-feed markers) are left out.
/// </summary>
public static class FeedParser
{
    public static Page<Post> Parse(string? body) => InstagramJson.Parse(body, "home feed", root =>
    {
        var media = new List<JsonCursor>();
        if (root.Has("feed_items"))
        {
            foreach (var item in root.Array("feed_items"))
            {
                if (item.RequireObject().OptionalObject("media_or_ad") is { } m) media.Add(m);
            }
        }
        else if (root.Has("items"))
        {
            media.AddRange(root.Array("items"));
        }
        else
        {
            throw root.Malformed("neither feed_items nor items");
        }
        var posts = media.Where(m => !IsAd(m)).Select(MediaReader.Mobile).ToList();
        return PageReader.Mobile(root, posts, root.Cursor("next_max_id"), root.Bool("more_available"), null);
    });

    private static bool IsAd(JsonCursor media) =>
        media.RequireObject().Has("ad_id") || media.Has("injected") || media.Bool("is_ad") == true;
}
