namespace InstaIntel.Instagram.Errors;

/// <summary>The error taxonomy; failure classification and the account's backoff key on it.</summary>
public enum InstagramErrorKind
{
    AuthenticationRequired,
    ChallengeRequired,
    RateLimited,
    ActionBlocked,
    NotFound,
    PrivateProfile,
    Transient,
    MalformedResponse,
    RequestRejected,
}
