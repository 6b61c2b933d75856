namespace InstaIntel.Domain.Operations;

/// <summary>What a failure is (<see cref="FailureKind"/>) and whether the automatic retry may run its work again.</summary>
public sealed record FailureClassification(FailureKind Kind, bool Retryable);

/// <summary>
/// Classifies a failure from what every capturer has in hand: the error's class name, its message, whether the
/// thrower already knew it was a refused session, and an HTTP status when there was one. Pure: BEHAVIOUR.md 8.
/// </summary>
public static class FailureClassifier
{
    // Refused sessions: retrying only burns requests against a session Instagram already rejected.
    private static readonly HashSet<string> AuthenticationErrors = new(StringComparer.Ordinal)
    {
        "AuthenticationRequiredException", "ChallengeRequiredException", "AccountLoggedOutException", "InvalidCredentialsException",
    };

    private static readonly HashSet<string> TransientErrors = new(StringComparer.Ordinal)
    {
        "TransientException", "RateLimitedException", "TimeoutException", "TaskCanceledException", "HttpRequestException",
        "SocketException", "IOException", "AskTimeoutException", "NpgsqlException", "TimeoutRejectedException",
    };

    // Runtime errors that the same input will raise again: a retry cannot help.
    private static readonly HashSet<string> UnrecoverableErrors = new(StringComparer.Ordinal)
    {
        "ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException", "FormatException", "InvalidCastException",
        "NotSupportedException", "NotImplementedException", "NullReferenceException", "KeyNotFoundException",
        "PrivateProfileException", "NotFoundException", "ActionBlockedException", "ModelIntegrityException",
        // Bytes no decoder can read (a broken media) stay unreadable.
        "InvalidDataException",
    };

    private static readonly string[] AuthenticationWords =
        ["login_required", "login required", "session expired", "checkpoint_required", "challenge_required", "logged out"];

    private static readonly string[] TransientWords =
    [
        "timed out", "timeout", "connection reset", "connection refused", "connection was closed", "temporarily unavailable",
        "too many requests", "service unavailable", "bad gateway", "gateway timeout", "database is locked", "deadlock",
        "lock timeout", "could not obtain lock",
    ];

    /// <param name="errorClass">The exception's type name, simple or full (<c>System.TimeoutException</c>).</param>
    /// <param name="authentication">The thrower already knew the session was refused.</param>
    /// <param name="httpStatus">The HTTP status behind the error, if any: 429 and 5xx are transient.</param>
    public static FailureClassification Classify(string errorClass, string? message, bool authentication = false, int? httpStatus = null)
    {
        var name = SimpleName(errorClass);
        var text = message ?? "";
        if (authentication || AuthenticationErrors.Contains(name) || httpStatus == 401 || ContainsAny(text, AuthenticationWords))
            return new FailureClassification(FailureKind.Authentication, Retryable: false);
        if (TransientErrors.Contains(name) || httpStatus is 429 or >= 500 and < 600 || ContainsAny(text, TransientWords))
            return new FailureClassification(FailureKind.Transient, Retryable: true);
        return new FailureClassification(FailureKind.Runtime, Retryable: !UnrecoverableErrors.Contains(name));
    }

    private static string SimpleName(string errorClass)
    {
        var trimmed = errorClass.Trim();
        var generic = trimmed.IndexOf('`');
        if (generic >= 0) trimmed = trimmed[..generic];
        return trimmed[(trimmed.LastIndexOf('.') + 1)..];
    }

    private static bool ContainsAny(string text, string[] words) =>
        words.Any(word => text.Contains(word, StringComparison.OrdinalIgnoreCase));
}
