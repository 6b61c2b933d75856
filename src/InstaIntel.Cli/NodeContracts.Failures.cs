using System.Text.Json.Nodes;

namespace InstaIntel.Cli;

// /api/admin/failures and /api/admin/issues as the CLI reads them.

public sealed record Failure(
    long Id,
    string JobClass,
    string? Queue,
    string CorrelationId,
    string ErrorClass,
    string ErrorMessage,
    string Kind,
    bool Retryable,
    string? Account,
    DateTime OccurredAt,
    int RetryAttempts,
    DateTime? LastRetryAt,
    string? LastRetryOutcome,
    string? Backtrace,
    JsonObject? Metadata);

public sealed record FailureList(IReadOnlyList<Failure> Failures);

public sealed record RetryResult(long FailureId, string Verdict, string Outcome, string Detail, string? Account, Guid? RunId);

public sealed record Issue(
    long Id,
    string Fingerprint,
    string IssueType,
    string Source,
    string Severity,
    string Status,
    int Occurrences,
    DateTime FirstSeenAt,
    DateTime LastSeenAt,
    DateTime? ResolvedAt,
    string Title,
    string? Details,
    string? ResolutionNotes,
    long? FailureId,
    JsonObject? Metadata);

public sealed record IssueList(IReadOnlyList<Issue> Issues);
