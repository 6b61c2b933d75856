using System.Text.Json.Nodes;
using InstaIntel.Domain.Operations;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Operations;

/// <summary>
/// <c>sync_runs</c>. An account has at most one running run (its entity guarantees it), so a run is finished by
/// finding the account's running row; the entity's run id travels in <c>stats_json.run_id</c>.
/// </summary>
public sealed class SyncRunRepository(InstaIntelDbFactory factory)
{
    /// <returns>the row's id, or null when the account has no row.</returns>
    public async Task<long?> StartAsync(string username, SyncRunKind kind, Guid runId, JsonObject stats, DateTime at, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var accountId = await db.InstagramAccounts.Where(a => a.Username == username).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (accountId is null) return null;
        // A row left running by a node that died is over: the entity already aborted that run.
        await db.SyncRuns.Where(r => r.InstagramAccountId == accountId && r.Status == RunStatus.Running)
            .Set(r => r.Status, RunStatus.Failed)
            .Set(r => r.ErrorMessage, "superseded: the run was cut off")
            .Set(r => r.FinishedAt, at)
            .Set(r => r.UpdatedAt, at)
            .UpdateAsync(cancellationToken);
        stats["run_id"] = runId.ToString();
        return await db.InsertWithInt64IdentityAsync(new SyncRun
        {
            InstagramAccountId = accountId.Value,
            Kind = kind,
            Status = RunStatus.Running,
            StartedAt = at,
            StatsJson = stats,
            CreatedAt = at,
            UpdatedAt = at,
        }, token: cancellationToken);
    }

    /// <returns>false when the account has no running row (already finished).</returns>
    public async Task<bool> FinishAsync(string username, bool succeeded, JsonObject stats, string? error, DateTime at, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var row = await (from r in db.SyncRuns
                         join a in db.InstagramAccounts on r.InstagramAccountId equals a.Id
                         where a.Username == username && r.Status == RunStatus.Running
                         orderby r.Id descending
                         select r).FirstOrDefaultAsync(cancellationToken);
        if (row is null) return false;
        var merged = row.StatsJson ?? new JsonObject();
        foreach (var (key, value) in stats)
            merged[key] = value?.DeepClone();
        return await db.SyncRuns.Where(r => r.Id == row.Id)
            .Set(r => r.Status, succeeded ? RunStatus.Succeeded : RunStatus.Failed)
            .Set(r => r.ErrorMessage, error)
            .Set(r => r.FinishedAt, at)
            .Set(r => r.StatsJson, merged)
            .Set(r => r.UpdatedAt, at)
            .UpdateAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<SyncRun>> ListAsync(string username, int limit = 50, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await (from r in db.SyncRuns
                      join a in db.InstagramAccounts on r.InstagramAccountId equals a.Id
                      where a.Username == username
                      orderby r.Id descending
                      select r).Take(limit).ToListAsync(cancellationToken);
    }
}
