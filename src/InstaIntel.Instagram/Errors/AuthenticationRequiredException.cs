namespace InstaIntel.Instagram.Errors;

/// <summary>
/// The session is not (or no longer) logged in: <c>login_required</c>, 401/403, a redirect to or an HTML copy of
/// <c>/accounts/login/</c>. Never retried: the account pauses until a new session is imported.
/// </summary>
public sealed class AuthenticationRequiredException(string reason, int? status = null)
    : InstagramException($"Instagram requires a new login ({reason})", status)
{
    /// <summary>What showed it: <c>login_required</c>, <c>redirect_to_login</c>, <c>login_page</c>, <c>http_401</c>, <c>http_403</c>.</summary>
    public string Reason { get; } = reason;

    public override InstagramErrorKind Kind => InstagramErrorKind.AuthenticationRequired;
    public override bool IsRetryable => false;
    public override bool PausesAccount => true;
}
