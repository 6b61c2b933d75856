namespace InstaIntel.Domain.Events;

/// <summary><c>instagram_profile_events.llm_comment_status</c>: not_requested -> queued -> running -> completed | failed | skipped.</summary>
public enum LlmCommentStatus
{
    NotRequested,
    Queued,
    Running,
    Completed,
    Failed,
    Skipped,
}
