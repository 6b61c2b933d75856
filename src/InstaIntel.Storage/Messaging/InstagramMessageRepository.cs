using System.Text.Json.Nodes;
using InstaIntel.Domain.Messaging;
using InstaIntel.Storage.Mapping;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Messaging;

/// <summary>
/// <c>instagram_messages</c>: outgoing messages queued by the control API and sent by the account's messaging child,
/// queued -> sent | failed. Only a queued row is finished, so a message is never sent twice by two finishes.
/// </summary>
public sealed class InstagramMessageRepository(InstaIntelDbFactory factory)
{
    /// <returns>the new row's id.</returns>
    public async Task<long> QueueAsync(long instagramAccountId, long instagramProfileId, string body, JsonObject metadata, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        return await db.InsertWithInt64IdentityAsync(new InstagramMessage
        {
            InstagramAccountId = instagramAccountId,
            InstagramProfileId = instagramProfileId,
            Body = body,
            Direction = MessageDirection.Outgoing,
            Status = MessageStatus.Queued,
            Metadata = metadata,
            CreatedAt = now,
            UpdatedAt = now,
        }, token: cancellationToken);
    }

    public async Task<InstagramMessage?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramMessages.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    /// <summary>The account's queued outgoing messages, oldest first, found by its username in one query (the pass every
    /// messaging child makes when it starts, so a node recovering thousands of accounts asks once each, not twice).</summary>
    public async Task<IReadOnlyList<InstagramMessage>> ListQueuedAsync(string username, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await (
                from m in db.InstagramMessages
                join a in db.InstagramAccounts on m.InstagramAccountId equals a.Id
                where a.Username == username && m.Direction == MessageDirection.Outgoing && m.Status == MessageStatus.Queued
                orderby m.Id
                select m)
            .Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>queued -> sent at <paramref name="at"/>; <paramref name="metadata"/> (Instagram's ids) merged over the stored keys.</summary>
    public Task<bool> MarkSentAsync(long id, DateTime at, JsonObject metadata, CancellationToken cancellationToken = default) =>
        FinishAsync(id, MessageStatus.Sent, at, null, metadata, cancellationToken);

    public Task<bool> MarkFailedAsync(long id, DateTime at, string error, CancellationToken cancellationToken = default) =>
        FinishAsync(id, MessageStatus.Failed, at, error, null, cancellationToken);

    private async Task<bool> FinishAsync(long id, MessageStatus status, DateTime at, string? error, JsonObject? metadata, CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        var queued = db.InstagramMessages.Where(m => m.Id == id && m.Status == MessageStatus.Queued);
        var stored = await queued.Select(m => new { m.Metadata }).FirstOrDefaultAsync(cancellationToken);
        if (stored is null) return false;
        return await queued
            .Set(m => m.Status, status)
            .Set(m => m.SentAt, status == MessageStatus.Sent ? at : null)
            .Set(m => m.ErrorMessage, error)
            .Set(m => m.Metadata, JsonMerge.Shallow(stored.Metadata, metadata))
            .Set(m => m.UpdatedAt, at)
            .UpdateAsync(cancellationToken) > 0;
    }
}
