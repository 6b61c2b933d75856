namespace InstaIntel.Instagram.Errors;

/// <summary>
/// 429 or "Please wait a few minutes before you try again". Retryable after <see cref="RetryAfter"/> (or the
/// configured rate-limit pause when Instagram gave none); every request of the account waits, not just this one.
/// </summary>
public sealed class RateLimitedException(TimeSpan? retryAfter, int? status = 429)
    : InstagramException(retryAfter is { } wait ? $"Instagram rate limit: retry after {wait}" : "Instagram rate limit", status)
{
    private readonly TimeSpan? _retryAfter = retryAfter;

    public override InstagramErrorKind Kind => InstagramErrorKind.RateLimited;
    public override bool IsRetryable => true;
    public override TimeSpan? RetryAfter => _retryAfter;
}
