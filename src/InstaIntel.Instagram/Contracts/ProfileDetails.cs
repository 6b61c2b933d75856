namespace InstaIntel.Instagram.Contracts;

/// <summary>
/// A profile page's facts. <see cref="ProfilePicUrl"/> is the HD picture when Instagram gave one. Counts are null
/// when the response left them out (never guessed as zero).
/// </summary>
public sealed record ProfileDetails(
    string Id,
    string Username,
    string? FullName,
    string? Biography,
    string? ExternalUrl,
    long? FollowerCount,
    long? FollowingCount,
    long? PostCount,
    string? ProfilePicUrl,
    bool IsPrivate,
    bool IsVerified,
    bool? IsBusinessAccount = null,
    string? Category = null,
    bool? FollowedByViewer = null,
    bool? FollowsViewer = null);
