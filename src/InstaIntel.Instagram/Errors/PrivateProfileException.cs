namespace InstaIntel.Instagram.Errors;

/// <summary>The profile is private and the account does not follow it, so its posts or stories are hidden. Not retried.</summary>
public sealed class PrivateProfileException(string profile)
    : InstagramException($"profile {profile} is private", 200)
{
    public string Profile { get; } = profile;

    public override InstagramErrorKind Kind => InstagramErrorKind.PrivateProfile;
    public override bool IsRetryable => false;
}
