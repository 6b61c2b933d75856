namespace InstaIntel.Instagram.Contracts;

/// <summary>A user as lists show one (followers, comment authors, inbox partners): flags are null when the list did not say.</summary>
public sealed record InstagramUser(
    string Id,
    string Username,
    string? FullName = null,
    string? ProfilePicUrl = null,
    bool? IsPrivate = null,
    bool? IsVerified = null);
