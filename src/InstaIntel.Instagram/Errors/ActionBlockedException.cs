namespace InstaIntel.Instagram.Errors;

/// <summary>
/// <c>feedback_required</c>: Instagram refuses the action (often as spam) for a while. Not retried by the client: the
/// account stops that kind of action and backs off; the feedback text is kept for its owner.
/// </summary>
public sealed class ActionBlockedException(string? feedbackTitle, string? feedbackMessage, string? feedbackUrl, bool spam, int? status = null)
    : InstagramException($"Instagram blocked the action{(feedbackTitle is null ? "" : $" ({feedbackTitle})")}", status)
{
    public string? FeedbackTitle { get; } = feedbackTitle;
    public string? FeedbackMessage { get; } = feedbackMessage;
    public string? FeedbackUrl { get; } = feedbackUrl;
    public bool Spam { get; } = spam;

    public override InstagramErrorKind Kind => InstagramErrorKind.ActionBlocked;
    public override bool IsRetryable => false;
}
