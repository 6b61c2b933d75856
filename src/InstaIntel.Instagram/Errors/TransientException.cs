namespace InstaIntel.Instagram.Errors;

/// <summary>
/// Worth another try later: 5xx, 408, timeouts, an empty, HTML or truncated body where JSON was expected. The client
/// retries with backoff a bounded number of times; then the account backs off.
/// </summary>
public sealed class TransientException(string reason, int? status = null, TimeSpan? retryAfter = null, Exception? innerException = null)
    : InstagramException($"transient Instagram failure: {reason}", status, innerException)
{
    private readonly TimeSpan? _retryAfter = retryAfter;

    public string Reason { get; } = reason;

    public override InstagramErrorKind Kind => InstagramErrorKind.Transient;
    public override bool IsRetryable => true;
    public override TimeSpan? RetryAfter => _retryAfter;

    public static TransientException Timeout(TimeSpan after, Exception? innerException = null) =>
        new($"no response within {after}", null, null, innerException);
}
