namespace InstaIntel.Storage.Profiles;

/// <summary>
/// What one observation of a profile says about it (follow graph, profile details, feed author). A null means
/// "not observed this time" and leaves the stored value alone, so partial observations never erase each other.
/// </summary>
public sealed record ProfileSnapshot(
    long InstagramAccountId,
    string Username,
    string? IgUserId = null,
    string? DisplayName = null,
    string? Bio = null,
    string? ProfilePicUrl = null,
    int? FollowersCount = null,
    bool? Following = null,
    bool? FollowsYou = null,
    DateTime? SyncedAt = null);
