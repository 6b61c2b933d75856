using System.Text.Json;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Transport;

/// <summary>
/// Decides, from status, headers, final URL and body alone, whether a response is worth parsing or which
/// <see cref="InstagramException"/> it is. Pure: the Playwright client calls it on every response before parsing.
/// </summary>
/// <remarks>
/// Order matters: where we ended up (a redirect to the login or challenge page), then what Instagram said in the body
/// (a 429 body says <c>require_login</c> but is a rate limit; a 400 may be a checkpoint or a block), then the status.
/// </remarks>
public static class InstagramResponseClassifier
{
    // Error bodies are small; a big 2xx body is data and its parser re-checks the root for an error body anyway.
    private const int LargestErrorBody = 16 * 1024;

    /// <returns>null when the response is a success to be parsed; otherwise the error to throw.</returns>
    public static InstagramException? Classify(InstagramResponse response, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = response.Status;
        var retryAfter = RetryAfterHeader.Parse(response.Header("retry-after"), now ?? DateTimeOffset.UtcNow);

        if (FromLocation(response.Url, status) is { } landedOn) return landedOn;
        if (status is >= 300 and < 400)
            return FromLocation(response.Header("location"), status)
                ?? new RequestRejectedException("unexpected redirect", status);

        var isSuccess = status is >= 200 and < 300;
        if ((!isSuccess || response.Body.Length <= LargestErrorBody) && ErrorInBody(response.Body, status, retryAfter) is { } said)
            return said;

        if (status < 500 && LoginPage.Matches(response.Body))
            return new AuthenticationRequiredException("login_page", status);

        return status switch
        {
            >= 200 and < 300 => null,
            401 => new AuthenticationRequiredException("http_401", status),
            // Instagram answers a dead session or a stale CSRF token with a bare 403; pausing beats hammering.
            403 => new AuthenticationRequiredException("http_403", status),
            404 => new NotFoundException("such resource", status),
            408 => new TransientException("request timeout", status, retryAfter),
            429 => new RateLimitedException(retryAfter, status),
            >= 500 => new TransientException($"server error {status}", status, retryAfter),
            _ => new RequestRejectedException(null, status),
        };
    }

    /// <summary>The error an Instagram JSON error body describes, or null when the root is not an error body.</summary>
    internal static InstagramException? ErrorInRoot(JsonElement root, int? status, TimeSpan? retryAfter)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        var statusField = Text(root, "status");
        if (statusField == "ok") return null;
        var message = Text(root, "message");
        var errorType = Text(root, "error_type");
        var token = message?.Trim().ToLowerInvariant();

        var challenge = root.TryGetProperty("challenge", out var c) && c.ValueKind == JsonValueKind.Object ? c : (JsonElement?)null;
        var checkpointUrl = Text(root, "checkpoint_url");
        if (token is "checkpoint_required" or "challenge_required" or "consent_required"
            || errorType?.Contains("checkpoint", StringComparison.OrdinalIgnoreCase) == true
            || errorType?.Contains("challenge", StringComparison.OrdinalIgnoreCase) == true
            || challenge is not null || checkpointUrl is not null)
        {
            var url = (challenge is { } ch ? Text(ch, "url") ?? Text(ch, "api_path") : null) ?? checkpointUrl;
            return new ChallengeRequiredException(errorType ?? token ?? "challenge_required", url, status);
        }

        var spam = root.TryGetProperty("spam", out var s) && s.ValueKind == JsonValueKind.True;
        if (token == "feedback_required" || errorType == "feedback_required" || (spam && statusField == "fail"))
            return new ActionBlockedException(Text(root, "feedback_title"), Text(root, "feedback_message"), Text(root, "feedback_url"), spam, status);

        if (token == "login_required" || errorType == "login_required")
            return new AuthenticationRequiredException("login_required", status);

        if (status == 429 || errorType == "rate_limit_error" || token?.Contains("wait a few minutes", StringComparison.Ordinal) == true)
            return new RateLimitedException(retryAfter, status);

        if (statusField != "fail" || status >= 500) return null;
        if (status == 404 || token?.Contains("not found", StringComparison.Ordinal) == true)
            return new NotFoundException(message ?? "such resource", status);
        return new RequestRejectedException(message, status);
    }

    private static InstagramException? ErrorInBody(string body, int status, TimeSpan? retryAfter)
    {
        var start = body.AsSpan().TrimStart();
        if (start.Length == 0 || start[0] != '{') return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return ErrorInRoot(document.RootElement, status, retryAfter);
        }
        catch (JsonException)
        {
            return null; // broken JSON: the status decides here, the parser calls it transient
        }
    }

    private static InstagramException? FromLocation(string? location, int status)
    {
        if (string.IsNullOrWhiteSpace(location)) return null;
        var path = Uri.TryCreate(location, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : location.Split('?', '#')[0];
        if (path.StartsWith("/accounts/login", StringComparison.OrdinalIgnoreCase))
            return new AuthenticationRequiredException("redirect_to_login", status);
        if (path.StartsWith("/challenge", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/checkpoint", StringComparison.OrdinalIgnoreCase))
            return new ChallengeRequiredException("redirect_to_challenge", location, status);
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
