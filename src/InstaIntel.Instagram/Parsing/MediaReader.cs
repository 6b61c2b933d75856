using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Reads posts and carousel children from the GraphQL shape (<c>shortcode_media</c>, timeline edge nodes) and the
/// mobile shape (<c>feed_items[].media_or_ad</c>, <c>items[]</c>), choosing the best rendition the same way for both.
/// </summary>
internal static class MediaReader
{
    public static Post GraphQl(JsonCursor node)
    {
        node.RequireObject();
        var children = (node.OptionalObject("edge_sidecar_to_children")?.OptionalArray("edges") ?? [])
            .Select(edge => GraphQlChild(edge.Object("node")))
            .ToList();
        var type = GraphQlType(node, children.Count > 0);
        var owner = node.OptionalObject("owner");
        var dimensions = node.OptionalObject("dimensions");
        var image = GraphQlImage(node) ?? children.FirstOrDefault()?.ImageUrl;
        return new Post(
            node.Id("id"),
            node.OptionalString("shortcode"),
            type,
            GraphQlCaption(node),
            node.EdgeCount("edge_liked_by") ?? node.EdgeCount("edge_media_preview_like"),
            node.EdgeCount("edge_media_to_comment") ?? node.EdgeCount("edge_media_to_parent_comment") ?? node.EdgeCount("edge_media_preview_comment"),
            node.Time("taken_at_timestamp"),
            owner?.OptionalId("id"),
            owner?.OptionalString("username"),
            image,
            node.OptionalString("video_url"),
            node.Double("video_duration"),
            node.Count("video_view_count"),
            dimensions?.Int("width"),
            dimensions?.Int("height"),
            children);
    }

    public static Post Mobile(JsonCursor item)
    {
        item.RequireObject();
        var children = item.OptionalArray("carousel_media").Select(MobileChild).ToList();
        var type = MobileType(item, children.Count > 0);
        var user = item.OptionalObject("user");
        var image = MobileImage(item) ?? children.FirstOrDefault()?.ImageUrl;
        return new Post(
            MobileMediaId(item),
            item.OptionalString("code"),
            type,
            item.OptionalObject("caption")?.OptionalString("text") is { Length: > 0 } caption ? caption : null,
            item.Count("like_count"),
            item.Count("comment_count"),
            item.Time("taken_at"),
            user?.OptionalId("pk", "id", "pk_id"),
            user?.OptionalString("username"),
            image,
            Widest(item.OptionalArray("video_versions"), "width", "url"),
            item.Double("video_duration"),
            item.Count("view_count") ?? item.Count("play_count"),
            item.Int("original_width"),
            item.Int("original_height"),
            children);
    }

    /// <summary>The numeric media id: the mobile <c>pk</c>, or the part of <c>id</c> before <c>_owner</c>.</summary>
    public static string MobileMediaId(JsonCursor item)
    {
        if (item.OptionalId("pk") is { } pk) return pk;
        var id = item.Id("id");
        var underscore = id.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 ? id[..underscore] : id;
    }

    /// <summary>
    /// The uncropped original among <c>image_versions2.candidates</c>: the one matching <c>original_width</c> x
    /// <c>original_height</c>, else the first. Not the widest: later entries include square crops that can be wider.
    /// </summary>
    public static string? MobileImage(JsonCursor item)
    {
        var candidates = item.OptionalObject("image_versions2")?.OptionalArray("candidates") ?? [];
        if (candidates.Count == 0) return null;
        var (width, height) = (item.Int("original_width"), item.Int("original_height"));
        if (width is not null && height is not null)
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Int("width") == width && candidate.Int("height") == height) return candidate.String("url");
            }
        }
        return candidates[0].String("url");
    }

    /// <summary>The widest rendition in a list of <c>{url|src, width|config_width}</c>; the first among equals.</summary>
    public static string? Widest(IReadOnlyList<JsonCursor> renditions, string widthField, string urlField)
    {
        string? best = null;
        var bestWidth = -1;
        foreach (var rendition in renditions)
        {
            var width = rendition.Int(widthField) ?? 0;
            var url = rendition.String(urlField);
            if (width > bestWidth) (best, bestWidth) = (url, width);
        }
        return best;
    }

    /// <summary><c>display_url</c> (full size), else the widest <c>display_resources</c>, else <c>thumbnail_src</c>.</summary>
    public static string? GraphQlImage(JsonCursor node) =>
        node.OptionalString("display_url")
        ?? Widest(node.OptionalArray("display_resources"), "config_width", "src")
        ?? node.OptionalString("thumbnail_src");

    public static MediaType MobileType(JsonCursor item, bool hasChildren) => item.Long("media_type") switch
    {
        1 => MediaType.Image,
        2 => MediaType.Video,
        8 => MediaType.Carousel,
        _ when hasChildren => MediaType.Carousel,
        _ => item.OptionalArray("video_versions").Count > 0 ? MediaType.Video : MediaType.Image,
    };

    private static MediaType GraphQlType(JsonCursor node, bool hasChildren) => node.OptionalString("__typename") switch
    {
        "GraphSidecar" => MediaType.Carousel,
        "GraphVideo" or "GraphStoryVideo" => MediaType.Video,
        "GraphImage" or "GraphStoryImage" => MediaType.Image,
        _ when hasChildren => MediaType.Carousel,
        _ => node.Bool("is_video") == true ? MediaType.Video : MediaType.Image,
    };

    private static MediaAsset GraphQlChild(JsonCursor node)
    {
        var dimensions = node.OptionalObject("dimensions");
        return new MediaAsset(
            node.Id("id"),
            GraphQlType(node, hasChildren: false),
            GraphQlImage(node),
            node.OptionalString("video_url"),
            node.Double("video_duration"),
            dimensions?.Int("width"),
            dimensions?.Int("height"));
    }

    private static MediaAsset MobileChild(JsonCursor item)
    {
        item.RequireObject();
        return new MediaAsset(
            MobileMediaId(item),
            MobileType(item, hasChildren: false),
            MobileImage(item),
            Widest(item.OptionalArray("video_versions"), "width", "url"),
            item.Double("video_duration"),
            item.Int("original_width"),
            item.Int("original_height"));
    }

    private static string? GraphQlCaption(JsonCursor node)
    {
        var edges = node.OptionalObject("edge_media_to_caption")?.OptionalArray("edges") ?? [];
        // An empty caption is no caption.
        return edges.Count == 0 ? null : edges[0].Object("node").OptionalString("text") is { Length: > 0 } text ? text : null;
    }
}
