using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Parsing;

/// <summary>Parses the GraphQL reel-and-chaining query: <c>data.user{reel, edge_chaining, edge_highlight_reels}</c>.</summary>
public static class ReelSummaryParser
{
    public static ProfileReelSummary Parse(string? body) => InstagramJson.Parse(body, "reel summary", root =>
    {
        var user = root.Object("data").Optional("user")?.RequireObject() ?? throw new NotFoundException("such user", 200);
        var reel = user.OptionalObject("reel") is { } r
            ? new ReelSummary(r.Id("id"), r.Time("expiring_at"), r.Time("latest_reel_media"), r.Time("seen"))
            : null;
        var suggested = (user.OptionalObject("edge_chaining")?.OptionalArray("edges") ?? [])
            .Select(edge => UserReader.Read(edge.Object("node")))
            .ToList();
        var highlights = (user.OptionalObject("edge_highlight_reels")?.OptionalArray("edges") ?? [])
            .Select(edge => Highlight(edge.Object("node")))
            .ToList();
        return new ProfileReelSummary(reel, suggested, highlights);
    });

    private static HighlightReel Highlight(JsonCursor node) => new(
        node.Id("id"),
        node.OptionalString("title"),
        node.OptionalObject("cover_media_cropped_thumbnail")?.OptionalString("url")
            ?? node.OptionalObject("cover_media")?.OptionalString("thumbnail_src"));
}
