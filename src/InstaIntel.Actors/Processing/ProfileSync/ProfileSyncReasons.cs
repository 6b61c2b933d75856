namespace InstaIntel.Actors.Processing.ProfileSync;

/// <summary>Reason codes profile-sync writes (<c>dm_interaction_reason</c>, action log <c>reason_code</c>).</summary>
public static class ProfileSyncReasons
{
    /// <summary>An inbox thread with the profile exists, so it can be messaged.</summary>
    public const string InboxThreadSeen = "inbox_thread_seen";

    /// <summary>The profile is private and not followed: its posts are hidden (the scan skips it).</summary>
    public const string PrivateProfile = "private_profile";

    /// <summary>Instagram knows no such user any more.</summary>
    public const string ProfileNotFound = "profile_not_found";

    /// <summary>A post's media URL answered 404: the post was deleted or its link expired.</summary>
    public const string MediaNotFound = "media_not_found";

    /// <summary>A post's media URL answered with no bytes.</summary>
    public const string MediaEmpty = "media_empty";

    /// <summary>A post older than <c>PostMediaWithin</c>: its media is not downloaded.</summary>
    public const string OutsideRecentWindow = "outside_recent_window";
}
