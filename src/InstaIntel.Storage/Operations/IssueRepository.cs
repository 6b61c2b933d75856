using System.Text.Json.Nodes;
using InstaIntel.Domain.Operations;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Operations;

/// <summary>Which issues to list; nulls do not filter.</summary>
public sealed record IssueFilter(IssueStatus? Status = null, IssueSeverity? Severity = null, string? IssueType = null, string? Source = null, int Limit = 100);

/// <summary>
/// <c>app_issues</c>: raised by fingerprint (one INSERT ... ON CONFLICT, so concurrent raisers meet in the unique index):
/// the first occurrence creates the issue, later ones count occurrences, move last_seen_at and re-open a resolved issue.
/// </summary>
public sealed class IssueRepository(InstaIntelDbFactory factory)
{
    public async Task<AppIssue> RaiseAsync(IssueReport report, DateTime at, long? failureId = null, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await RaiseAsync(db, report, at, failureId, cancellationToken);
    }

    internal static async Task<AppIssue> RaiseAsync(InstaIntelDb db, IssueReport report, DateTime at, long? failureId, CancellationToken cancellationToken)
    {
        var fingerprint = report.Fingerprint;
        var accountId = await AccountIdAsync(db, report.AccountUsername, cancellationToken);
        var profileId = await ProfileIdAsync(db, accountId, report.ProfileUsername, cancellationToken);
        var insertMetadata = (JsonObject)(report.Metadata?.DeepClone() ?? new JsonObject());
        var updateMetadata = (JsonObject)insertMetadata.DeepClone();
        await db.AppIssues.InsertOrUpdateAsync(
            () => new AppIssue
            {
                Fingerprint = fingerprint,
                IssueType = report.IssueType,
                Source = report.Source,
                Severity = report.Severity,
                Status = IssueStatus.Open,
                Occurrences = 1,
                FirstSeenAt = at,
                LastSeenAt = at,
                Title = report.Title,
                Details = report.Details,
                BackgroundJobFailureId = failureId,
                InstagramAccountId = accountId,
                InstagramProfileId = profileId,
                Metadata = insertMetadata,
                CreatedAt = at,
                UpdatedAt = at,
            },
            existing => new AppIssue
            {
                Occurrences = existing.Occurrences + 1,
                // Concurrent raisers may land out of order: the window only ever widens.
                FirstSeenAt = existing.FirstSeenAt < at ? existing.FirstSeenAt : at,
                LastSeenAt = existing.LastSeenAt > at ? existing.LastSeenAt : at,
                Status = IssueStatus.Open,
                ResolvedAt = null,
                Severity = report.Severity,
                Title = report.Title,
                Details = report.Details,
                BackgroundJobFailureId = failureId ?? existing.BackgroundJobFailureId,
                Metadata = updateMetadata,
                UpdatedAt = at,
            },
            () => new AppIssue { Fingerprint = fingerprint },
            cancellationToken);
        return await db.AppIssues.FirstAsync(i => i.Fingerprint == fingerprint, cancellationToken);
    }

    /// <returns>the resolved issue, or null when no issue has that id.</returns>
    public async Task<AppIssue?> ResolveAsync(long id, string? notes, DateTime at, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await db.AppIssues.Where(i => i.Id == id)
            .Set(i => i.Status, IssueStatus.Resolved)
            .Set(i => i.ResolvedAt, at)
            .Set(i => i.ResolutionNotes, notes)
            .Set(i => i.UpdatedAt, at)
            .UpdateAsync(cancellationToken);
        return await db.AppIssues.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
    }

    /// <summary>A health check that sees its problem gone resolves its own issue; false when it was not open.</summary>
    public async Task<bool> ResolveAsync(string fingerprint, string notes, DateTime at, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.AppIssues.Where(i => i.Fingerprint == fingerprint && i.Status != IssueStatus.Resolved)
            .Set(i => i.Status, IssueStatus.Resolved)
            .Set(i => i.ResolvedAt, at)
            .Set(i => i.ResolutionNotes, notes)
            .Set(i => i.UpdatedAt, at)
            .UpdateAsync(cancellationToken) > 0;
    }

    public async Task<AppIssue?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.AppIssues.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
    }

    public async Task<AppIssue?> GetAsync(string fingerprint, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.AppIssues.FirstOrDefaultAsync(i => i.Fingerprint == fingerprint, cancellationToken);
    }

    /// <summary>Most recently seen first.</summary>
    public async Task<IReadOnlyList<AppIssue>> ListAsync(IssueFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var query = db.AppIssues.AsQueryable();
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.Severity is { } severity) query = query.Where(i => i.Severity == severity);
        if (filter.IssueType is { } type) query = query.Where(i => i.IssueType == type);
        if (filter.Source is { } source) query = query.Where(i => i.Source == source);
        return await query.OrderByDescending(i => i.LastSeenAt).ThenByDescending(i => i.Id).Take(Math.Clamp(filter.Limit, 1, 500)).ToListAsync(cancellationToken);
    }

    internal static async Task<long?> AccountIdAsync(InstaIntelDb db, string? username, CancellationToken cancellationToken) =>
        username is null ? null : await db.InstagramAccounts.Where(a => a.Username == username).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);

    private static async Task<long?> ProfileIdAsync(InstaIntelDb db, long? accountId, string? username, CancellationToken cancellationToken) =>
        accountId is null || username is null
            ? null
            : await db.InstagramProfiles.Where(p => p.InstagramAccountId == accountId && p.Username == username).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
}
