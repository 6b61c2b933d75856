namespace InstaIntel.Instagram.Errors;

/// <summary>The login form was refused: a wrong password, or (when <see cref="UserExists"/> is false) an unknown user.</summary>
public sealed class InvalidCredentialsException(bool userExists)
    : Exception(userExists ? "Instagram refused the password" : "Instagram knows no such user")
{
    public bool UserExists { get; } = userExists;
}
