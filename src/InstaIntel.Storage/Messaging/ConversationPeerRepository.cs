using InstaIntel.Domain.Messaging;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Messaging;

/// <summary><c>conversation_peers</c>: the account's inbox partners, once per (account, username).</summary>
public sealed class ConversationPeerRepository(InstaIntelDbFactory factory)
{
    /// <summary>
    /// Records the partners of one inbox page in one transaction. A blank display name keeps the stored one;
    /// <c>last_message_at</c> only moves forward.
    /// </summary>
    public async Task UpsertManyAsync(long instagramAccountId, IReadOnlyCollection<PeerSighting> peers, CancellationToken cancellationToken = default)
    {
        if (peers.Count == 0) return;
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var now = DateTime.UtcNow;
        foreach (var peer in peers)
        {
            var displayName = string.IsNullOrWhiteSpace(peer.DisplayName) ? null : peer.DisplayName;
            var lastMessageAt = peer.LastMessageAt;
            await db.ConversationPeers.InsertOrUpdateAsync(
                () => new ConversationPeer
                {
                    InstagramAccountId = instagramAccountId,
                    Username = peer.Username,
                    DisplayName = displayName,
                    LastMessageAt = lastMessageAt,
                    CreatedAt = now,
                    UpdatedAt = now,
                },
                // NULLs never win: COALESCE keeps what is known, the comparison keeps the later time.
                existing => new ConversationPeer
                {
                    DisplayName = displayName ?? existing.DisplayName,
                    LastMessageAt = existing.LastMessageAt == null || (lastMessageAt != null && lastMessageAt > existing.LastMessageAt)
                        ? lastMessageAt ?? existing.LastMessageAt
                        : existing.LastMessageAt,
                    UpdatedAt = now,
                },
                () => new ConversationPeer { InstagramAccountId = instagramAccountId, Username = peer.Username },
                cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether the account has an inbox thread with <paramref name="username"/>.</summary>
    public async Task<bool> ExistsAsync(long instagramAccountId, string username, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.ConversationPeers.AnyAsync(p => p.InstagramAccountId == instagramAccountId && p.Username == username, cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationPeer>> ListAsync(long instagramAccountId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.ConversationPeers.Where(p => p.InstagramAccountId == instagramAccountId).OrderBy(p => p.Username).ToListAsync(cancellationToken);
    }
}

/// <summary>One inbox partner as a page showed it.</summary>
public sealed record PeerSighting(string Username, string? DisplayName, DateTime? LastMessageAt);
