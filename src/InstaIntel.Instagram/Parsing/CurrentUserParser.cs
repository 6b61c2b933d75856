using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Parsing;

/// <summary>Parses <c>accounts/current_user</c>: <c>{"user":{pk, username, full_name, profile_pic_url, is_private}}</c>.</summary>
public static class CurrentUserParser
{
    public static CurrentUser Parse(string? body) => InstagramJson.Parse(body, "current user", root =>
    {
        var user = root.Object("user");
        return new CurrentUser(
            user.Id("pk", "id", "pk_id"),
            user.String("username"),
            user.OptionalString("full_name"),
            user.OptionalString("profile_pic_url"),
            user.Bool("is_private"));
    });
}
