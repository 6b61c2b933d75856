using System.Text.Json.Nodes;
using InstaIntel.Domain.Operations;
using InstaIntel.Node.Failures;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Node.Admin;

/// <summary>A <c>background_job_failures</c> row as <c>/api/admin/failures</c> shows it (the list leaves out backtrace and metadata).</summary>
public sealed record FailureView(
    long Id,
    string JobClass,
    string? Queue,
    string CorrelationId,
    string ErrorClass,
    string ErrorMessage,
    FailureKind Kind,
    bool Retryable,
    string? Account,
    DateTime OccurredAt,
    int RetryAttempts,
    DateTime? LastRetryAt,
    string? LastRetryOutcome,
    string? Backtrace,
    JsonObject? Metadata)
{
    public static FailureView From(BackgroundJobFailure row, bool detailed)
    {
        var retry = RetryState.Of(row);
        return new FailureView(row.Id, row.JobClass, row.QueueName, row.ActiveJobId, row.ErrorClass, row.ErrorMessage, row.FailureKind, row.Retryable,
            row.Metadata?["account"]?.GetValue<string>(), row.OccurredAt, retry.Attempts, retry.LastAttemptAt, retry.LastOutcome,
            detailed ? row.Backtrace : null, detailed ? row.Metadata : null);
    }
}

public sealed record FailureListView(IReadOnlyList<FailureView> Failures);

/// <summary>What <c>POST /api/admin/failures/{id}/retry</c> did.</summary>
public sealed record RetryResultView(long FailureId, string Verdict, string Outcome, string Detail, string? Account, Guid? RunId)
{
    public static RetryResultView From(RetryResult result) =>
        new(result.FailureId, Domain.Common.SeedString.Of(result.Verdict), result.Outcome, result.Detail, result.Account, result.RunId);
}

/// <summary>An <c>app_issues</c> row as <c>/api/admin/issues</c> shows it.</summary>
public sealed record IssueView(
    long Id,
    string Fingerprint,
    string IssueType,
    string Source,
    IssueSeverity Severity,
    IssueStatus Status,
    int Occurrences,
    DateTime FirstSeenAt,
    DateTime LastSeenAt,
    DateTime? ResolvedAt,
    string Title,
    string? Details,
    string? ResolutionNotes,
    long? FailureId,
    JsonObject Metadata)
{
    public static IssueView From(AppIssue row) =>
        new(row.Id, row.Fingerprint, row.IssueType, row.Source, row.Severity, row.Status, row.Occurrences, row.FirstSeenAt, row.LastSeenAt,
            row.ResolvedAt, row.Title, row.Details, row.ResolutionNotes, row.BackgroundJobFailureId, row.Metadata);
}

public sealed record IssueListView(IReadOnlyList<IssueView> Issues);

/// <summary>Body of <c>POST /api/admin/issues/{id}/resolve</c> (optional).</summary>
public sealed record ResolveIssueRequest(string? Notes);
