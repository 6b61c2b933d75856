using InstaIntel.Domain.Events;
using InstaIntel.Storage.Mapping;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Events;

/// <summary><c>instagram_profile_events</c>: recording an event once per (profile, kind, external_id).</summary>
public sealed class ProfileEventRepository(InstaIntelDbFactory factory)
{
    /// <summary>
    /// Records an event: the first write creates the row, later writes with the same identity update it:
    /// detected_at becomes now, occurred_at changes only when given, and the metadata's top-level keys are
    /// merged over the stored ones. The write is one INSERT ... ON CONFLICT, so a concurrent first write
    /// becomes an update instead of a duplicate; two writers racing on metadata keep the later one's keys.
    /// </summary>
    public async Task<InstagramProfileEvent> RecordAsync(
        long instagramProfileId, string kind, string externalId, DateTime? occurredAt = null, ProfileEventMetadata? metadata = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        externalId = externalId.Trim();

        await using var db = factory.Open();
        var identity = db.InstagramProfileEvents.Where(e => e.InstagramProfileId == instagramProfileId && e.Kind == kind && e.ExternalId == externalId);
        var stored = await identity.Select(e => e.Metadata).FirstOrDefaultAsync(cancellationToken);
        var merged = JsonMerge.Shallow(stored, metadata);
        var now = DateTime.UtcNow;
        await db.InstagramProfileEvents.InsertOrUpdateAsync(
            () => new InstagramProfileEvent
            {
                InstagramProfileId = instagramProfileId,
                Kind = kind,
                ExternalId = externalId,
                OccurredAt = occurredAt,
                DetectedAt = now,
                Metadata = merged,
                LlmCommentStatus = LlmCommentStatus.NotRequested,
                LlmCommentAttempts = 0,
                CreatedAt = now,
                UpdatedAt = now,
            },
            existing => new InstagramProfileEvent
            {
                OccurredAt = occurredAt ?? existing.OccurredAt,
                DetectedAt = now,
                Metadata = merged,
                UpdatedAt = now,
            },
            () => new InstagramProfileEvent { InstagramProfileId = instagramProfileId, Kind = kind, ExternalId = externalId },
            cancellationToken);
        return await identity.FirstAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InstagramProfileEvent>> ListAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfileEvents.Where(e => e.InstagramProfileId == instagramProfileId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }
}
