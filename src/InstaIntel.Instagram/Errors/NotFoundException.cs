namespace InstaIntel.Instagram.Errors;

/// <summary>The user, post or media does not exist (404, or a <c>null</c> user). Not retried.</summary>
public sealed class NotFoundException(string what, int? status = 404)
    : InstagramException($"Instagram has no {what}", status)
{
    public string What { get; } = what;

    public override InstagramErrorKind Kind => InstagramErrorKind.NotFound;
    public override bool IsRetryable => false;
}
