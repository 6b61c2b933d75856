namespace InstaIntel.Domain.Operations;

/// <summary><c>background_job_failures.failure_kind</c>.</summary>
public enum FailureKind
{
    /// <summary>The session was rejected; never retried, pauses the account's automation.</summary>
    Authentication,
    /// <summary>Timeouts, refused or reset connections, lock waits: worth a retry.</summary>
    Transient,
    Runtime,
}

/// <summary><c>app_issues.status</c>: a new occurrence re-opens a resolved issue.</summary>
public enum IssueStatus
{
    Open,
    Pending,
    Resolved,
}

/// <summary><c>app_issues.severity</c>.</summary>
public enum IssueSeverity
{
    Info,
    Warn,
    Error,
    Critical,
}

/// <summary><c>sync_runs.kind</c>.</summary>
public enum SyncRunKind
{
    FollowGraph,
    ContinuousProcessing,
}

/// <summary><c>sync_runs.status</c> and <c>instagram_profile_action_logs.status</c>: queued -> running -> succeeded | failed.</summary>
public enum RunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
