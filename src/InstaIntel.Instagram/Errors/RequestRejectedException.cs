namespace InstaIntel.Instagram.Errors;

/// <summary>
/// A 4xx (or a <c>"status":"fail"</c> body) that fits no other kind, e.g. a bad parameter. Not retried: the request
/// itself is wrong; recorded with Instagram's message.
/// </summary>
public sealed class RequestRejectedException(string? instagramMessage, int? status)
    : InstagramException($"Instagram rejected the request (status {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}{(instagramMessage is null ? "" : $": {instagramMessage}")})", status)
{
    public string? InstagramMessage { get; } = instagramMessage;

    public override InstagramErrorKind Kind => InstagramErrorKind.RequestRejected;
    public override bool IsRetryable => false;
}
