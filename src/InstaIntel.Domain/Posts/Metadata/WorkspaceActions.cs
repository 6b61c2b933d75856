using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Posts.Metadata;

/// <summary><c>workspace_actions</c>: the post's place in the "actions to be done" queue.</summary>
public sealed record WorkspaceActions : JsonContract
{
    public WorkspaceActionStatus Status { get; init; }
    public string? RequestedBy { get; init; }
    public string? JobId { get; init; }
    public string? QueueName { get; init; }
    public string? Source { get; init; }
    public DateTime? LastEnqueuedAt { get; init; }
    public DateTime? NextRunAt { get; init; }
    /// <summary>While in the future another processor holds the item.</summary>
    public DateTime? LockUntil { get; init; }
    public string? LastError { get; init; }
    public int? SuggestionsCount { get; init; }
    public int MediaDownloadRetryAttempts { get; init; }
    public int PostAnalysisRetryAttempts { get; init; }
    public int CommentGenerationRetryAttempts { get; init; }
    public bool RetryExhausted { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

public enum WorkspaceActionStatus
{
    Queued,
    Running,
    WaitingMediaDownload,
    WaitingPostAnalysis,
    WaitingBuildHistory,
    WaitingCommentGeneration,
    WaitingProfileAnalysis,
    Ready,
    Failed,
    SkippedPageProfile,
    SkippedDeletedSource,
    SkippedNonUserPost,
    SkippedUnsuitableContent,
}
