using InstaIntel.Domain.Events;
using InstaIntel.Storage.Mapping;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

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
        await using var db = factory.Open();
        var id = await RecordAsync(db, instagramProfileId, kind, externalId, occurredAt, metadata, cancellationToken);
        return await db.InstagramProfileEvents.FirstAsync(e => e.Id == id, cancellationToken);
    }

    /// <summary>As <see cref="RecordAsync(long, string, string, DateTime?, ProfileEventMetadata?, CancellationToken)"/>, on the
    /// caller's connection (and transaction), so a caller can write an event together with the rows it belongs to.</summary>
    /// <returns>the event's id.</returns>
    public async Task<long> RecordAsync(
        InstaIntelDb db, long instagramProfileId, string kind, string externalId, DateTime? occurredAt = null, ProfileEventMetadata? metadata = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        externalId = externalId.Trim();

        DataParameter[] identity = [new("profile", instagramProfileId), new("kind", kind), new("external", externalId)];
        var stored = await KeyedReads.JsonOrDefaultAsync<ProfileEventMetadata>(db, MetadataOfEvent, identity, cancellationToken);
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
        return await KeyedReads.FirstAsync<long>(db, IdOfEvent, identity, cancellationToken);
    }

    private const string EventIdentity = "instagram_profile_id = @profile AND kind = @kind AND external_id = @external";
    private const string MetadataOfEvent = "SELECT metadata FROM instagram_profile_events WHERE " + EventIdentity;
    private const string IdOfEvent = "SELECT id FROM instagram_profile_events WHERE " + EventIdentity;

    public async Task<IReadOnlyList<InstagramProfileEvent>> ListAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfileEvents.Where(e => e.InstagramProfileId == instagramProfileId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Story events of the account whose story is analysed and whose comment was never requested (or is queued): the
    /// story comment backlog, oldest first, with the story.
    /// </summary>
    public async Task<IReadOnlyList<(InstagramProfileEvent Event, Domain.Stories.InstagramStory Story)>> ListStoriesAwaitingCommentAsync(
        long instagramAccountId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var rows = await (from s in db.InstagramStories
                          join e in db.InstagramProfileEvents on s.SourceEventId equals e.Id
                          where s.InstagramAccountId == instagramAccountId && s.ProcessingStatus == Domain.Stories.StoryProcessingStatus.Processed
                                && (e.LlmCommentStatus == LlmCommentStatus.NotRequested || e.LlmCommentStatus == LlmCommentStatus.Queued)
                          orderby e.Id
                          select new { e, s }).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(r => (r.e, r.s)).ToList();
    }

    /// <summary>
    /// Moves <c>llm_comment_status</c> from <paramref name="from"/> to <paramref name="to"/> only if the row is still in
    /// <paramref name="from"/> (a compare-and-set, so two runs never both start one comment); running counts an attempt.
    /// </summary>
    /// <returns>whether the row moved.</returns>
    public async Task<bool> MoveCommentAsync(long id, LlmCommentStatus from, LlmCommentStatus to, CancellationToken cancellationToken = default)
    {
        if (!Domain.Comments.LlmCommentLifecycle.CanMove(from, to))
            throw new InvalidOperationException($"llm_comment_status cannot move from {from} to {to}");
        await using var db = factory.Open();
        var query = db.InstagramProfileEvents.Where(e => e.Id == id && e.LlmCommentStatus == from)
            .Set(e => e.LlmCommentStatus, to)
            .Set(e => e.UpdatedAt, DateTime.UtcNow);
        if (to == LlmCommentStatus.Running) query = query.Set(e => e.LlmCommentAttempts, e => e.LlmCommentAttempts + 1);
        return await query.UpdateAsync(cancellationToken) == 1;
    }

    /// <summary>Ends a running comment: completed with the selected text and score, skipped (policy block) or failed with the error.</summary>
    public async Task FinishCommentAsync(long id, LlmCommentStatus outcome, LlmCommentMetadata metadata, string? comment, double? relevance,
        string? provider, string? model, string? error, CancellationToken cancellationToken = default)
    {
        if (!Domain.Comments.LlmCommentLifecycle.CanMove(LlmCommentStatus.Running, outcome))
            throw new ArgumentException($"a running comment cannot end {outcome}", nameof(outcome));
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        var merged = JsonMerge.Shallow(await db.InstagramProfileEvents.Where(e => e.Id == id).Select(e => e.LlmCommentMetadata).FirstOrDefaultAsync(cancellationToken), metadata);
        await db.InstagramProfileEvents.Where(e => e.Id == id && e.LlmCommentStatus == LlmCommentStatus.Running)
            .Set(e => e.LlmCommentStatus, outcome)
            .Set(e => e.LlmCommentMetadata, merged)
            .Set(e => e.LlmGeneratedComment, comment)
            .Set(e => e.LlmCommentRelevanceScore, relevance)
            .Set(e => e.LlmCommentProvider, provider)
            .Set(e => e.LlmCommentModel, model)
            .Set(e => e.LlmCommentLastError, error)
            .Set(e => e.LlmCommentGeneratedAt, outcome == LlmCommentStatus.Completed ? now : null)
            .Set(e => e.LlmPendingReasonCode, metadata.CommentGenerationPolicy?.BlockedReasonCode)
            .Set(e => e.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }

    public async Task<InstagramProfileEvent?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfileEvents.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
    }
}
