namespace InstaIntel.Instagram.Errors;

/// <summary>
/// Instagram wants a human to pass a checkpoint, challenge or consent screen before the session works again.
/// Never retried: the account pauses and <see cref="ChallengeUrl"/> is shown to its owner.
/// </summary>
public sealed class ChallengeRequiredException(string reason, string? challengeUrl, int? status = null)
    : InstagramException($"Instagram requires a challenge to be passed ({reason})", status)
{
    /// <summary><c>challenge_required</c>, <c>checkpoint_required</c>, <c>checkpoint_challenge_required</c>, <c>consent_required</c> or <c>redirect_to_challenge</c>.</summary>
    public string Reason { get; } = reason;

    /// <summary>Where the human goes: <c>challenge.url</c>, <c>checkpoint_url</c> or the redirect target, as Instagram gave it (may be relative).</summary>
    public string? ChallengeUrl { get; } = challengeUrl;

    public override InstagramErrorKind Kind => InstagramErrorKind.ChallengeRequired;
    public override bool IsRetryable => false;
    public override bool PausesAccount => true;
}
