using System.Threading.Channels;
using InstaIntel.Domain.Accounts;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Accounts;

/// <summary>Reads and the idempotent projection of <c>instagram_accounts</c>.</summary>
public sealed class AccountRepository(InstaIntelDbFactory factory)
{
    /// <summary>The most recovering accounts whose rows one query reads.</summary>
    public const int MaxCheckBatch = 200;

    private readonly Channel<PendingCheck> _checks = Channel.CreateUnbounded<PendingCheck>(new UnboundedChannelOptions { SingleReader = true });
    private int _checking;

    /// <summary>
    /// Writes the entity's view of the account. The row only moves forward: a projection with a sequence
    /// number at or below the row's is ignored, so replays and late writes from an old incarnation are harmless.
    /// Columns the entity does not own (session bundle, cursors) are left alone.
    /// </summary>
    /// <returns>true when the row changed.</returns>
    public async Task<bool> ProjectAsync(InstagramAccount account, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        for (var attempt = 0; ; attempt++)
        {
            var updated = await db.InstagramAccounts
                .Where(a => a.Username == account.Username && a.ProjectedSequenceNr < account.ProjectedSequenceNr)
                .Set(a => a.LoginState, account.LoginState)
                .Set(a => a.UserAgent, account.UserAgent)
                .Set(a => a.ContinuousProcessingState, account.ContinuousProcessingState)
                .Set(a => a.ContinuousProcessingEnabled, account.ContinuousProcessingEnabled)
                .Set(a => a.ContinuousProcessingNextStorySyncAt, account.ContinuousProcessingNextStorySyncAt)
                .Set(a => a.ContinuousProcessingNextFeedSyncAt, account.ContinuousProcessingNextFeedSyncAt)
                .Set(a => a.ContinuousProcessingNextProfileScanAt, account.ContinuousProcessingNextProfileScanAt)
                .Set(a => a.ContinuousProcessingNextFollowGraphSyncAt, account.ContinuousProcessingNextFollowGraphSyncAt)
                .Set(a => a.ContinuousProcessingNextProfileRefreshAt, account.ContinuousProcessingNextProfileRefreshAt)
                .Set(a => a.ContinuousProcessingLastStartedAt, account.ContinuousProcessingLastStartedAt)
                .Set(a => a.ContinuousProcessingLastFinishedAt, account.ContinuousProcessingLastFinishedAt)
                .Set(a => a.ContinuousProcessingLastHeartbeatAt, account.ContinuousProcessingLastHeartbeatAt)
                .Set(a => a.ContinuousProcessingFailureCount, account.ContinuousProcessingFailureCount)
                .Set(a => a.ContinuousProcessingRetryAfterAt, account.ContinuousProcessingRetryAfterAt)
                .Set(a => a.ContinuousProcessingLastError, account.ContinuousProcessingLastError)
                .Set(a => a.ProjectedSequenceNr, account.ProjectedSequenceNr)
                .Set(a => a.UpdatedAt, now)
                .UpdateAsync(cancellationToken);
            if (updated > 0) return true;

            var exists = await db.InstagramAccounts.AnyAsync(a => a.Username == account.Username, cancellationToken);
            if (exists) return false; // already at or past this sequence number

            try
            {
                account.CreatedAt = account.CreatedAt == default ? now : account.CreatedAt;
                account.UpdatedAt = now;
                await db.InsertAsync(account, token: cancellationToken);
                return true;
            }
            catch (Exception ex) when (attempt == 0 && UniqueViolation.Is(ex))
            {
                // Another writer inserted the row between our check and insert: go round once more as an update.
            }
        }
    }

    /// <summary>
    /// The projection a recovering entity makes: a read of the row's sequence number, and the write only when the row
    /// is missing or behind (a crash came between a persist and its projection). A node recovering thousands of accounts
    /// mostly finds every row current, so the reads of the accounts recovering at the same time go as one query
    /// (<see cref="MaxCheckBatch"/> at most): what accumulates while the previous query runs goes in the next.
    /// </summary>
    /// <returns>true when the row changed.</returns>
    public Task<bool> ProjectIfBehindAsync(InstagramAccount account, CancellationToken cancellationToken = default)
    {
        var check = new PendingCheck(account, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        _checks.Writer.TryWrite(check);
        if (Interlocked.CompareExchange(ref _checking, 1, 0) == 0)
            _ = Task.Run(CheckBatchesAsync, CancellationToken.None);
        return check.Done.Task.WaitAsync(cancellationToken);
    }

    private sealed record PendingCheck(InstagramAccount Account, TaskCompletionSource<bool> Done);

    // Runs for the repository's life (one per node), waiting on the channel when no account recovers.
    private async Task CheckBatchesAsync()
    {
        var batch = new List<PendingCheck>(MaxCheckBatch);
        while (await _checks.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxCheckBatch && _checks.Reader.TryRead(out var check)) batch.Add(check);
            try
            {
                await CheckBatchAsync(batch);
            }
            catch (Exception ex)
            {
                foreach (var check in batch) check.Done.TrySetException(ex);
            }
            batch.Clear();
        }
    }

    private async Task CheckBatchAsync(List<PendingCheck> batch)
    {
        var usernames = batch.Select(c => c.Account.Username).Distinct().ToList();
        Dictionary<string, long> projected;
        await using (var db = factory.Open())
        {
            projected = await db.InstagramAccounts
                .Where(a => usernames.Contains(a.Username))
                .Select(a => new { a.Username, a.ProjectedSequenceNr })
                .ToDictionaryAsync(a => a.Username, a => a.ProjectedSequenceNr);
        }
        foreach (var check in batch)
        {
            if (projected.TryGetValue(check.Account.Username, out var sequenceNr) && sequenceNr >= check.Account.ProjectedSequenceNr)
            {
                check.Done.TrySetResult(false);
                continue;
            }
            // Rare (a crash between a persist and its projection): the write goes on its own.
            try
            {
                check.Done.TrySetResult(await ProjectAsync(check.Account));
            }
            catch (Exception ex)
            {
                check.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>Stores an account's (encrypted) session; false when the account has no row yet.</summary>
    public async Task<bool> SaveSessionAsync(string username, AccountSessionColumns session, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var updated = await db.InstagramAccounts
            .Where(a => a.Username == username)
            .Set(a => a.CookiesJson, session.CookiesJson)
            .Set(a => a.LocalStorageJson, session.LocalStorageJson)
            .Set(a => a.SessionStorageJson, session.SessionStorageJson)
            .Set(a => a.AuthSnapshotJson, session.AuthSnapshotJson)
            .Set(a => a.UserAgent, session.UserAgent)
            .Set(a => a.UpdatedAt, DateTime.UtcNow)
            .UpdateAsync(cancellationToken);
        return updated > 0;
    }

    public async Task<AccountSessionColumns?> LoadSessionAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramAccounts
            .Where(a => a.Username == username)
            .Select(a => new AccountSessionColumns(a.CookiesJson, a.LocalStorageJson, a.SessionStorageJson, a.AuthSnapshotJson, a.UserAgent))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<InstagramAccount?> FindAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramAccounts.FirstOrDefaultAsync(a => a.Username == username, cancellationToken);
    }

    public async Task<IReadOnlyList<InstagramAccount>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramAccounts.OrderBy(a => a.Username).Skip(offset).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>How many accounts are in each continuous-processing state (for the accounts gauge).</summary>
    public async Task<IReadOnlyDictionary<ContinuousProcessingState, long>> CountByStateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var counts = await db.InstagramAccounts
            .GroupBy(a => a.ContinuousProcessingState)
            .Select(g => new { State = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.State, c => c.Count);
    }
}
