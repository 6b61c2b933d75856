using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Parses a page of a post's comments: GraphQL <c>shortcode_media.edge_media_to_comment</c> (or
/// <c>edge_media_to_parent_comment</c>, as in a post lookup), or mobile <c>media/{id}/comments</c>
/// (<c>comments[]</c>, <c>has_more_comments</c>, <c>next_max_id</c>).
/// </summary>
public static class CommentParser
{
    public static Page<Comment> Parse(string? body) => InstagramJson.Parse(body, "comments page", root =>
    {
        if (root.OptionalObject("data") is { } data)
        {
            var media = data.Optional("shortcode_media")?.RequireObject() ?? throw new NotFoundException("such post", 200);
            var connection = media.OptionalObject("edge_media_to_comment") ?? media.OptionalObject("edge_media_to_parent_comment")
                ?? throw media.Malformed("no edge_media_to_comment or edge_media_to_parent_comment");
            return PageReader.Connection(connection, GraphQlComment);
        }
        if (root.Has("comments"))
        {
            var comments = root.Array("comments").Select(MobileComment).ToList();
            return PageReader.Mobile(root, comments, root.Cursor("next_max_id"), root.Bool("has_more_comments"), root.Count("comment_count"));
        }
        throw root.Malformed("neither data.shortcode_media nor comments");
    });

    private static Comment GraphQlComment(JsonCursor node) => new(
        node.Id("id"),
        node.OptionalString("text") ?? throw node.Malformed("comment without text"),
        node.Time("created_at"),
        node.OptionalObject("owner") is { } owner ? UserReader.Read(owner) : null,
        node.EdgeCount("edge_liked_by"));

    private static Comment MobileComment(JsonCursor comment)
    {
        comment.RequireObject();
        return new Comment(
            comment.Id("pk", "id"),
            comment.OptionalString("text") ?? throw comment.Malformed("comment without text"),
            comment.Time("created_at_utc") ?? comment.Time("created_at"),
            comment.OptionalObject("user") is { } user ? UserReader.Read(user) : null,
            comment.Count("comment_like_count"));
    }
}
