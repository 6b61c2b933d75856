namespace InstaIntel.Instagram.Errors;

/// <summary>
/// Base of every error the Instagram client raises. Callers decide on <see cref="Kind"/>, <see cref="IsRetryable"/>,
/// <see cref="PausesAccount"/> and <see cref="RetryAfter"/>, never on message text. Messages carry no cookies, tokens
/// or response bodies.
/// </summary>
public abstract class InstagramException : Exception
{
    protected InstagramException(string message, int? status, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    public abstract InstagramErrorKind Kind { get; }

    /// <summary>
    /// Whether sending the same request again can succeed. False means the client never repeats it: only a change
    /// (a new session, a solved challenge, a fixed parser, another target) can help.
    /// </summary>
    public abstract bool IsRetryable { get; }

    /// <summary>The account's automation must stop until a human acts (imports a session, solves a challenge).</summary>
    public virtual bool PausesAccount => false;

    /// <summary>How long Instagram asked us to wait (the Retry-After header), when it said.</summary>
    public virtual TimeSpan? RetryAfter => null;

    /// <summary>The HTTP status of the response that raised it; null when no response was involved (timeouts).</summary>
    public int? Status { get; }
}
