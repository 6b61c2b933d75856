using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Accounts;

/// <summary>
/// <c>instagram_accounts</c>: one managed Instagram identity. The row is a projection of the account
/// entity's journal; <see cref="ProjectedSequenceNr"/> keeps it from ever going backwards.
/// </summary>
public sealed class InstagramAccount : IEntity
{
    public long Id { get; set; }
    public string Username { get; set; } = "";

    // Auth: the session bundle lives encrypted; these columns never hold a raw cookie.
    public string? CookiesJson { get; set; }
    public string? LocalStorageJson { get; set; }
    public string? SessionStorageJson { get; set; }
    public string? AuthSnapshotJson { get; set; }
    public LoginState LoginState { get; set; } = LoginState.NotAuthenticated;
    public string? UserAgent { get; set; }
    public DateTime? LastSyncedAt { get; set; }

    // Continuous processing: the coordinator's state machine, owned by the account entity.
    public ContinuousProcessingState ContinuousProcessingState { get; set; } = ContinuousProcessingState.Idle;
    public bool ContinuousProcessingEnabled { get; set; } = true;
    public DateTime? ContinuousProcessingNextStorySyncAt { get; set; }
    public DateTime? ContinuousProcessingNextFeedSyncAt { get; set; }
    public DateTime? ContinuousProcessingNextProfileScanAt { get; set; }
    public DateTime? ContinuousProcessingNextFollowGraphSyncAt { get; set; }
    public DateTime? ContinuousProcessingNextProfileRefreshAt { get; set; }
    public DateTime? ContinuousProcessingLastStorySyncEnqueuedAt { get; set; }
    public DateTime? ContinuousProcessingLastFeedSyncEnqueuedAt { get; set; }
    public DateTime? ContinuousProcessingLastProfileScanEnqueuedAt { get; set; }
    public DateTime? ContinuousProcessingLastProfileRefreshEnqueuedAt { get; set; }
    public long? ContinuousProcessingProfileScanCursorId { get; set; }
    public long? ContinuousProcessingProfileRefreshCursorId { get; set; }
    public DateTime? ContinuousProcessingLastStartedAt { get; set; }
    public DateTime? ContinuousProcessingLastFinishedAt { get; set; }
    public DateTime? ContinuousProcessingLastHeartbeatAt { get; set; }
    public int ContinuousProcessingFailureCount { get; set; }
    public DateTime? ContinuousProcessingRetryAfterAt { get; set; }
    public string? ContinuousProcessingLastError { get; set; }

    /// <summary>Journal sequence number of the last event projected into this row.</summary>
    public long ProjectedSequenceNr { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
