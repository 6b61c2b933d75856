using System.Text.Json.Nodes;
using InstaIntel.Domain.Operations;
using InstaIntel.Storage.Mapping;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Operations;

/// <summary>
/// <c>instagram_profile_action_logs</c>: one row per action taken on a profile, queued -> running -> succeeded |
/// failed, with what started it (<c>trigger_source</c>: schedule, api, cli). A finished log never changes again.
/// </summary>
public sealed class ProfileActionLogRepository(InstaIntelDbFactory factory)
{
    /// <returns>the new log's id.</returns>
    public async Task<long> QueueAsync(
        long instagramAccountId, long instagramProfileId, string action, string? triggerSource, JsonObject? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        return await db.InsertWithInt64IdentityAsync(new InstagramProfileActionLog
        {
            InstagramAccountId = instagramAccountId,
            InstagramProfileId = instagramProfileId,
            Action = action,
            Status = RunStatus.Queued,
            TriggerSource = triggerSource,
            Metadata = metadata,
            OccurredAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        }, token: cancellationToken);
    }

    /// <summary>queued -> running: started_at is set once, a stale error is cleared.</summary>
    public async Task MarkRunningAsync(long id, DateTime at, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await db.InstagramProfileActionLogs
            .Where(l => l.Id == id && l.Status == RunStatus.Queued)
            .Set(l => l.Status, RunStatus.Running)
            .Set(l => l.StartedAt, l => l.StartedAt ?? at)
            .Set(l => l.ErrorMessage, (string?)null)
            .Set(l => l.UpdatedAt, DateTime.UtcNow)
            .UpdateAsync(cancellationToken);
    }

    /// <summary>-> succeeded, with a line for people and <paramref name="metadata"/>'s keys merged over the stored ones.</summary>
    public Task MarkSucceededAsync(long id, DateTime at, string? logText = null, JsonObject? metadata = null, CancellationToken cancellationToken = default) =>
        FinishAsync(id, RunStatus.Succeeded, at, logText, null, metadata, cancellationToken);

    public Task MarkFailedAsync(long id, DateTime at, string error, JsonObject? metadata = null, CancellationToken cancellationToken = default) =>
        FinishAsync(id, RunStatus.Failed, at, null, error, metadata, cancellationToken);

    private async Task FinishAsync(long id, RunStatus status, DateTime at, string? logText, string? error, JsonObject? metadata, CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        var unfinished = db.InstagramProfileActionLogs.Where(l => l.Id == id && (l.Status == RunStatus.Queued || l.Status == RunStatus.Running));
        var stored = await unfinished.Select(l => new { l.Metadata }).FirstOrDefaultAsync(cancellationToken);
        if (stored is null) return; // unknown, or already finished
        await unfinished
            .Set(l => l.Status, status)
            .Set(l => l.StartedAt, l => l.StartedAt ?? at)
            .Set(l => l.FinishedAt, at)
            .Set(l => l.LogText, l => logText ?? l.LogText)
            .Set(l => l.ErrorMessage, error)
            .Set(l => l.Metadata, JsonMerge.Shallow(stored.Metadata, metadata))
            .Set(l => l.UpdatedAt, DateTime.UtcNow)
            .UpdateAsync(cancellationToken);
    }

    public async Task<InstagramProfileActionLog?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfileActionLogs.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
    }

    /// <summary>The profile's logs, oldest first.</summary>
    public async Task<IReadOnlyList<InstagramProfileActionLog>> ListAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfileActionLogs.Where(l => l.InstagramProfileId == instagramProfileId).OrderBy(l => l.Id).ToListAsync(cancellationToken);
    }
}
