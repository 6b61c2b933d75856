using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Parsing;

/// <summary>Parses one post: GraphQL <c>data.shortcode_media</c> or mobile <c>media/{id}/info</c> (<c>items[0]</c>).</summary>
public static class PostParser
{
    public static Post Parse(string? body) => InstagramJson.Parse(body, "post", root =>
    {
        if (root.OptionalObject("data") is { } data)
            return MediaReader.GraphQl(data.Optional("shortcode_media")?.RequireObject() ?? throw new NotFoundException("such post", 200));
        if (root.Has("items"))
        {
            var items = root.Array("items");
            return items.Count > 0 ? MediaReader.Mobile(items[0]) : throw new NotFoundException("such post", 200);
        }
        throw root.Malformed("neither data.shortcode_media nor items");
    });
}
