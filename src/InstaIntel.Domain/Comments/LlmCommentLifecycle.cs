using InstaIntel.Domain.Events;

namespace InstaIntel.Domain.Comments;

/// <summary>
/// <c>llm_comment_status</c> moves not_requested -> queued -> running -> completed | failed | skipped (BEHAVIOUR.md §4);
/// a failed or skipped comment may be queued again (a retry, or new evidence), a completed one is never redone.
/// </summary>
public static class LlmCommentLifecycle
{
    public static bool CanMove(LlmCommentStatus from, LlmCommentStatus to) => (from, to) switch
    {
        (LlmCommentStatus.NotRequested, LlmCommentStatus.Queued) => true,
        (LlmCommentStatus.Queued, LlmCommentStatus.Running) => true,
        (LlmCommentStatus.Running, LlmCommentStatus.Completed or LlmCommentStatus.Failed or LlmCommentStatus.Skipped) => true,
        (LlmCommentStatus.Failed or LlmCommentStatus.Skipped, LlmCommentStatus.Queued) => true,
        _ => false,
    };

    /// <exception cref="InvalidOperationException">the move is not in the lifecycle.</exception>
    public static LlmCommentStatus Move(LlmCommentStatus from, LlmCommentStatus to) =>
        CanMove(from, to) ? to : throw new InvalidOperationException($"llm_comment_status cannot move from {from} to {to}");
}
