using InstaIntel.Domain.Insights;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Insights;

/// <summary>One entity to project with a post insight (hashtag, mention, text read, ...).</summary>
public sealed record PostEntityDraft(string EntityType, string Value, double? Confidence = null, string? EvidenceText = null, string? SourceType = null, string? SourceRef = null);

/// <summary>
/// <c>instagram_post_insights</c> and <c>instagram_post_entities</c>: the projection of one completed analysis of a feed
/// post, both linked by <c>ai_analysis_id</c>. Projecting the same analysis again replaces its rows.
/// </summary>
public sealed class PostInsightRepository(InstaIntelDbFactory factory)
{
    /// <returns>the insight's id.</returns>
    public async Task<long> ProjectAsync(InstagramPostInsight insight, IReadOnlyList<PostEntityDraft> entities, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await db.InstagramPostEntities.Where(e => e.AiAnalysisId == insight.AiAnalysisId).DeleteAsync(cancellationToken);
        await db.InstagramPostInsights.Where(i => i.AiAnalysisId == insight.AiAnalysisId).DeleteAsync(cancellationToken);
        var now = DateTime.UtcNow;
        insight.CreatedAt = now;
        insight.UpdatedAt = now;
        insight.Id = await db.InsertWithInt64IdentityAsync(insight, token: cancellationToken);
        foreach (var entity in entities)
            await db.InsertAsync(new InstagramPostEntity
            {
                AiAnalysisId = insight.AiAnalysisId,
                InstagramAccountId = insight.InstagramAccountId,
                InstagramPostId = insight.InstagramPostId,
                InstagramPostInsightId = insight.Id,
                EntityType = entity.EntityType,
                Value = entity.Value,
                Confidence = entity.Confidence,
                EvidenceText = entity.EvidenceText,
                SourceType = entity.SourceType,
                SourceRef = entity.SourceRef,
                CreatedAt = now,
                UpdatedAt = now,
            }, token: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return insight.Id;
    }

    public async Task<IReadOnlyList<InstagramPostInsight>> ListForPostAsync(long instagramPostId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramPostInsights.Where(i => i.InstagramPostId == instagramPostId).OrderBy(i => i.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InstagramPostEntity>> ListEntitiesAsync(long instagramPostInsightId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramPostEntities.Where(e => e.InstagramPostInsightId == instagramPostInsightId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }
}
