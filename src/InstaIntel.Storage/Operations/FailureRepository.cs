using System.Text.Json.Nodes;
using InstaIntel.Domain.Operations;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Operations;

/// <summary>Which failures to list; nulls do not filter.</summary>
public sealed record FailureFilter(
    FailureKind? Kind = null, bool? Retryable = null, string? Account = null, string? Queue = null, DateTime? Since = null, int Limit = 100);

/// <summary>A stored failure and the issue it counted towards.</summary>
public sealed record RecordedFailure(BackgroundJobFailure Failure, AppIssue Issue);

/// <summary>The retry bookkeeping kept in a failure's <c>metadata.retry</c>.</summary>
public sealed record RetryState(int Attempts, DateTime? LastAttemptAt, string? LastOutcome)
{
    public static readonly RetryState None = new(0, null, null);

    public static RetryState Of(BackgroundJobFailure failure) => failure.Metadata?["retry"] is JsonObject retry
        ? new RetryState(
            retry["attempts"]?.GetValue<int>() ?? 0,
            retry["last_attempt_at"]?.GetValue<DateTime>() is { } last ? DateTime.SpecifyKind(last, DateTimeKind.Utc) : null,
            retry["last_outcome"]?.GetValue<string>())
        : None;
}

/// <summary>
/// <c>background_job_failures</c>: one row per failed unit of work, classified when it is written, each counting
/// towards its <c>app_issues</c> row; the retry bookkeeping and the purge of old rows.
/// </summary>
public sealed class FailureRepository(InstaIntelDbFactory factory)
{
    public async Task<RecordedFailure> RecordAsync(FailureReport report, CancellationToken cancellationToken = default)
    {
        var classification = report.Classification;
        var metadata = (JsonObject)(report.Metadata?.DeepClone() ?? new JsonObject());
        if (report.AccountUsername is { } account) metadata["account"] = account;
        if (report.ProfileUsername is { } profile) metadata["profile"] = profile;
        var at = DateTime.SpecifyKind(report.OccurredAt, DateTimeKind.Utc);

        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var accountId = await IssueRepository.AccountIdAsync(db, report.AccountUsername, cancellationToken);
        var row = new BackgroundJobFailure
        {
            JobClass = report.JobClass,
            QueueName = report.QueueName,
            ActiveJobId = report.CorrelationId,
            ErrorClass = report.ErrorClass,
            ErrorMessage = report.ErrorMessage,
            Backtrace = FailureBacktrace.Trim(report.Backtrace),
            FailureKind = classification.Kind,
            Retryable = classification.Retryable,
            InstagramAccountId = accountId,
            Metadata = metadata,
            OccurredAt = at,
            CreatedAt = at,
            UpdatedAt = at,
        };
        row.Id = await db.InsertWithInt64IdentityAsync(row, token: cancellationToken);
        var issue = await IssueRepository.RaiseAsync(db, IssueReport.For(report), at, row.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RecordedFailure(row, issue);
    }

    public async Task<BackgroundJobFailure?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.BackgroundJobFailures.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<BackgroundJobFailure>> ListAsync(FailureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var query = db.BackgroundJobFailures.AsQueryable();
        if (filter.Kind is { } kind) query = query.Where(f => f.FailureKind == kind);
        if (filter.Retryable is { } retryable) query = query.Where(f => f.Retryable == retryable);
        if (filter.Queue is { } queue) query = query.Where(f => f.QueueName == queue);
        if (filter.Since is { } since) query = query.Where(f => f.OccurredAt >= since);
        if (filter.Account is { } account)
        {
            var accountId = await IssueRepository.AccountIdAsync(db, account, cancellationToken);
            query = query.Where(f => f.InstagramAccountId == accountId);
        }
        return await query.OrderByDescending(f => f.OccurredAt).ThenByDescending(f => f.Id).Take(Math.Clamp(filter.Limit, 1, 500)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Failures the sweep may retry now: retryable, with an account to send the work to, younger than
    /// <paramref name="maxAge"/>, fewer than <paramref name="maxAttempts"/> attempts, the last one at least
    /// <paramref name="cooldown"/> ago; oldest first, at most <paramref name="batch"/>.
    /// </summary>
    public async Task<IReadOnlyList<BackgroundJobFailure>> DueForRetryAsync(
        DateTime now, TimeSpan maxAge, TimeSpan cooldown, int maxAttempts, int batch, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var since = now - maxAge;
        // The attempt count lives in JSON: read a bounded window and judge it here, the same on both engines.
        var candidates = await db.BackgroundJobFailures
            .Where(f => f.Retryable && f.FailureKind != FailureKind.Authentication && f.InstagramAccountId != null && f.OccurredAt >= since)
            .OrderBy(f => f.OccurredAt).ThenBy(f => f.Id)
            .Take(Math.Max(batch, 1) * 20)
            .ToListAsync(cancellationToken);
        return candidates
            .Where(f => RetryState.Of(f) is var state && state.Attempts < maxAttempts && (state.LastAttemptAt is null || state.LastAttemptAt <= now - cooldown))
            .Take(batch)
            .ToList();
    }

    /// <summary>Counts one retry attempt and what came of it in <c>metadata.retry</c>.</summary>
    public async Task<BackgroundJobFailure?> RecordRetryAttemptAsync(long id, DateTime at, string outcome, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var row = await db.BackgroundJobFailures.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (row is null) return null;
        var metadata = row.Metadata ?? new JsonObject();
        metadata["retry"] = new JsonObject
        {
            ["attempts"] = RetryState.Of(row).Attempts + 1,
            ["last_attempt_at"] = at,
            ["last_outcome"] = outcome,
        };
        await db.BackgroundJobFailures.Where(f => f.Id == id)
            .Set(f => f.Metadata, metadata)
            .Set(f => f.UpdatedAt, at)
            .UpdateAsync(cancellationToken);
        return await db.BackgroundJobFailures.FirstAsync(f => f.Id == id, cancellationToken);
    }

    /// <summary>Deletes failures older than <paramref name="cutoff"/>; issues keep their counts but lose the link.</summary>
    /// <returns>how many rows went.</returns>
    public async Task<int> PurgeAsync(DateTime cutoff, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var old = db.BackgroundJobFailures.Where(f => f.OccurredAt < cutoff).Select(f => (long?)f.Id);
        await db.AppIssues.Where(i => old.Contains(i.BackgroundJobFailureId))
            .Set(i => i.BackgroundJobFailureId, (long?)null)
            .UpdateAsync(cancellationToken);
        var purged = await db.BackgroundJobFailures.Where(f => f.OccurredAt < cutoff).DeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return purged;
    }
}
