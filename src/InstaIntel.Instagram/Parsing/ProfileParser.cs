using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Parses a profile page in every generation: <c>web_profile_info</c> (<c>data.user</c>), the legacy <c>?__a=1</c>
/// (<c>graphql.user</c>) and the mobile user info (<c>user</c> with <c>follower_count</c>). A null user is
/// <see cref="NotFoundException"/>.
/// </summary>
public static class ProfileParser
{
    public static ProfileDetails ParseDetails(string? body) => InstagramJson.Parse(body, "profile", root =>
    {
        var user = UserObject(root);
        return new ProfileDetails(
            user.Id("id", "pk", "pk_id"),
            user.String("username"),
            user.OptionalString("full_name"),
            user.OptionalString("biography"),
            user.OptionalString("external_url"),
            user.EdgeCount("edge_followed_by") ?? user.Count("follower_count"),
            user.EdgeCount("edge_follow") ?? user.Count("following_count"),
            user.EdgeCount("edge_owner_to_timeline_media") ?? user.Count("media_count"),
            user.OptionalString("profile_pic_url_hd")
                ?? user.OptionalObject("hd_profile_pic_url_info")?.OptionalString("url")
                ?? user.OptionalString("profile_pic_url"),
            user.Bool("is_private") ?? false,
            user.Bool("is_verified") ?? false,
            user.Bool("is_business_account") ?? user.Bool("is_business"),
            user.OptionalString("business_category_name") ?? user.OptionalString("category_name") ?? user.OptionalString("category"),
            user.Bool("followed_by_viewer"),
            user.Bool("follows_viewer"));
    });

    /// <summary>The profile grid's first page (<c>edge_owner_to_timeline_media</c>).</summary>
    /// <exception cref="PrivateProfileException">private, not followed, and no posts shown.</exception>
    public static Page<Post> ParseRecentPosts(string? body) => InstagramJson.Parse(body, "profile posts", root =>
    {
        var user = UserObject(root);
        var media = user.OptionalObject("edge_owner_to_timeline_media");
        var hidden = user.Bool("is_private") == true && user.Bool("followed_by_viewer") != true
            && (media is null || media.Value.OptionalArray("edges").Count == 0);
        if (hidden) throw new PrivateProfileException(user.OptionalString("username") ?? user.Id("id", "pk"));
        if (media is null) throw user.Malformed("no edge_owner_to_timeline_media");
        return PageReader.Connection(media.Value, MediaReader.GraphQl);
    });

    internal static JsonCursor UserObject(JsonCursor root)
    {
        foreach (var wrapper in new[] { "data", "graphql" })
        {
            if (root.OptionalObject(wrapper) is not { } holder) continue;
            if (!holder.Has("user")) continue;
            return holder.Optional("user")?.RequireObject() ?? throw new NotFoundException("such user", 200);
        }
        if (root.OptionalObject("user") is { } mobile) return mobile;
        // {"data":{"user":null}} reaches here: Has() treats null as absent.
        if (root.OptionalObject("data") is not null || root.OptionalObject("graphql") is not null)
            throw new NotFoundException("such user", 200);
        throw root.Malformed("no data.user, graphql.user or user object");
    }
}
