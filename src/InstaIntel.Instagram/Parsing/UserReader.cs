using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Parsing;

/// <summary>Reads a user from GraphQL (<c>id</c>) and mobile (<c>pk</c>) shapes alike.</summary>
internal static class UserReader
{
    public static InstagramUser Read(JsonCursor user)
    {
        user.RequireObject();
        return new InstagramUser(
            user.Id("id", "pk", "pk_id"),
            user.String("username"),
            user.OptionalString("full_name"),
            user.OptionalString("profile_pic_url"),
            user.Bool("is_private"),
            user.Bool("is_verified"));
    }
}
