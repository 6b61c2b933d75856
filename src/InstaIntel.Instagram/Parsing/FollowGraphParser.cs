using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Parses a page of followers or following: GraphQL <c>data.user.edge_followed_by</c> / <c>edge_follow</c>, or the
/// mobile <c>friendships/{id}/followers|following</c> list (<c>users[]</c>, <c>next_max_id</c>, <c>has_more</c>).
/// </summary>
public static class FollowGraphParser
{
    public static Page<InstagramUser> Parse(string? body, FollowDirection direction) =>
        InstagramJson.Parse(body, direction == FollowDirection.Followers ? "followers page" : "following page", root =>
        {
            if (root.Has("data"))
            {
                var user = root.Object("data").Optional("user")?.RequireObject() ?? throw new NotFoundException("such user", 200);
                var edge = direction == FollowDirection.Followers ? "edge_followed_by" : "edge_follow";
                return PageReader.Connection(user.Object(edge), UserReader.Read);
            }
            if (root.Has("users"))
            {
                var users = root.Array("users").Select(UserReader.Read).ToList();
                return PageReader.Mobile(root, users, root.Cursor("next_max_id"), root.Bool("has_more"), null);
            }
            throw root.Malformed("neither data.user nor users");
        });
}
