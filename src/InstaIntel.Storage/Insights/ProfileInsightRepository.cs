using InstaIntel.Domain.Insights;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Profiles;
using InstaIntel.Domain.Stories;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Insights;

/// <summary>A profile with what its insight is read from: its analysed posts, processed stories and the people kept for it.</summary>
public sealed record ProfileInsightSources(InstagramProfile Profile, IReadOnlyList<InstagramProfilePost> Posts, IReadOnlyList<InstagramStory> Stories, int PeopleCount);

/// <summary>The profile's current insight (its newest row) and the fingerprint of the analysis it came from.</summary>
public sealed record CurrentProfileInsight(long InsightId, long AiAnalysisId, string? MediaFingerprint, DateTime LastRefreshedAt);

/// <summary>What one projection did: the insight's id and which demographic fields of the profile it changed.</summary>
public sealed record ProfileInsightProjected(long InsightId, IReadOnlyList<string> DemographicsChanged);

/// <summary>
/// <c>instagram_profile_insights</c>, <c>instagram_profile_message_strategies</c> and <c>instagram_profile_signal_evidences</c>:
/// the projection of one completed <c>profile_insights</c> analysis, every row linked by <c>ai_analysis_id</c>. The insights
/// table keeps history (no unique rule: a profile's newest row is its current insight); projecting the same analysis again
/// replaces its rows. The profile's <c>ai_estimated_*</c> fields are updated in the same transaction, only where the
/// estimate improves (<see cref="ProfileDemographicsAggregator"/>).
/// </summary>
public sealed class ProfileInsightRepository(InstaIntelDbFactory factory)
{
    public const int MaxSourceStories = 200;

    /// <summary>
    /// The account's profiles whose media were analysed after their current insight was last refreshed (or that have
    /// analysed media and no insight yet), oldest insight first, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<long>> ListStaleAsync(long instagramAccountId, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return [];
        await using var db = factory.Open();
        var rows = await (from p in db.InstagramProfiles
                          where p.InstagramAccountId == instagramAccountId
                          let refreshed = db.InstagramProfileInsights.Where(i => i.InstagramProfileId == p.Id).Max(i => (DateTime?)i.LastRefreshedAt)
                          where db.InstagramStories.Any(s => s.InstagramProfileId == p.Id && s.ProcessingStatus == StoryProcessingStatus.Processed
                                                             && (refreshed == null || s.ProcessedAt > refreshed))
                                || db.InstagramProfilePosts.Any(x => x.InstagramProfileId == p.Id && x.AiStatus == ProfilePostAiStatus.Analyzed
                                                                     && (refreshed == null || x.AnalyzedAt > refreshed))
                          orderby refreshed == null ? 0 : 1, refreshed, p.Id
                          select p.Id).Take(limit).ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<ProfileInsightSources?> LoadSourcesAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var profile = await db.InstagramProfiles.FirstOrDefaultAsync(p => p.Id == instagramProfileId, cancellationToken);
        if (profile is null) return null;
        var posts = await db.InstagramProfilePosts
            .Where(p => p.InstagramProfileId == instagramProfileId && p.AiStatus == ProfilePostAiStatus.Analyzed)
            .OrderByDescending(p => p.TakenAt ?? p.CreatedAt).ThenByDescending(p => p.Id).Take(ProfileEvidence.MaxPosts)
            .ToListAsync(cancellationToken);
        var stories = await db.InstagramStories
            .Where(s => s.InstagramProfileId == instagramProfileId && s.ProcessingStatus == StoryProcessingStatus.Processed)
            .OrderByDescending(s => s.TakenAt ?? s.CreatedAt).ThenByDescending(s => s.Id).Take(MaxSourceStories)
            .ToListAsync(cancellationToken);
        var people = await db.InstagramStoryPeople.Where(p => p.InstagramProfileId == instagramProfileId).Select(p => p.Metadata).ToListAsync(cancellationToken);
        return new ProfileInsightSources(profile, posts, stories, people.Count(m => m?.MergedIntoPersonId is null));
    }

    public async Task<CurrentProfileInsight?> FindCurrentAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await (from i in db.InstagramProfileInsights
                      join a in db.AiAnalyses on i.AiAnalysisId equals a.Id
                      where i.InstagramProfileId == instagramProfileId
                      orderby i.Id descending
                      select new CurrentProfileInsight(i.Id, i.AiAnalysisId, a.MediaFingerprint, i.LastRefreshedAt)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The insight was found current for newer media: it counts as refreshed now, without a new analysis.</summary>
    public async Task TouchAsync(long insightId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        await db.InstagramProfileInsights.Where(i => i.Id == insightId).Set(i => i.LastRefreshedAt, now).Set(i => i.UpdatedAt, now).UpdateAsync(cancellationToken);
    }

    /// <summary>Writes the projection in one transaction: the analysis' earlier rows replaced, the demographics merged into the profile.</summary>
    public async Task<ProfileInsightProjected> ProjectAsync(ProfileInsightProjection projection, CancellationToken cancellationToken = default)
    {
        var insight = projection.Insight;
        var analysisId = insight.AiAnalysisId;
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await db.InstagramProfileSignalEvidences.Where(e => e.AiAnalysisId == analysisId).DeleteAsync(cancellationToken);
        await db.InstagramProfileMessageStrategies.Where(s => s.AiAnalysisId == analysisId).DeleteAsync(cancellationToken);
        await db.InstagramProfileInsights.Where(i => i.AiAnalysisId == analysisId).DeleteAsync(cancellationToken);

        var now = DateTime.UtcNow;
        insight.LastRefreshedAt = now;
        insight.CreatedAt = now;
        insight.UpdatedAt = now;
        insight.Id = await db.InsertWithInt64IdentityAsync(insight, token: cancellationToken);
        if (projection.Strategy is { } strategy)
        {
            strategy.InstagramProfileInsightId = insight.Id;
            strategy.CreatedAt = now;
            strategy.UpdatedAt = now;
            strategy.Id = await db.InsertWithInt64IdentityAsync(strategy, token: cancellationToken);
        }
        foreach (var evidence in projection.Evidences)
        {
            evidence.InstagramProfileInsightId = insight.Id;
            evidence.CreatedAt = now;
            evidence.UpdatedAt = now;
            evidence.Id = await db.InsertWithInt64IdentityAsync(evidence, token: cancellationToken);
        }

        var profile = await db.InstagramProfiles.FirstAsync(p => p.Id == insight.InstagramProfileId, cancellationToken);
        var (merged, changed) = ProfileDemographicsAggregator.Merge(StoredDemographics.Of(profile), projection.Demographics);
        await db.InstagramProfiles.Where(p => p.Id == profile.Id)
            .Set(p => p.AiEstimatedAge, merged.Age)
            .Set(p => p.AiAgeConfidence, merged.AgeConfidence)
            .Set(p => p.AiEstimatedGender, merged.Gender)
            .Set(p => p.AiGenderConfidence, merged.GenderConfidence)
            .Set(p => p.AiEstimatedLocation, merged.Location)
            .Set(p => p.AiLocationConfidence, merged.LocationConfidence)
            .Set(p => p.AiPersonaSummary, merged.PersonaSummary)
            .Set(p => p.AiLastAnalyzedAt, now)
            .UpdateAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ProfileInsightProjected(insight.Id, changed);
    }

    /// <summary>The profile's insights, oldest first (the last is current).</summary>
    public async Task<IReadOnlyList<InstagramProfileInsight>> ListForProfileAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfileInsights.Where(i => i.InstagramProfileId == instagramProfileId).OrderBy(i => i.Id).ToListAsync(cancellationToken);
    }

    public async Task<InstagramProfileMessageStrategy?> FindStrategyAsync(long instagramProfileInsightId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfileMessageStrategies.FirstOrDefaultAsync(s => s.InstagramProfileInsightId == instagramProfileInsightId, cancellationToken);
    }

    public async Task<IReadOnlyList<InstagramProfileSignalEvidence>> ListEvidencesAsync(long instagramProfileInsightId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfileSignalEvidences.Where(e => e.InstagramProfileInsightId == instagramProfileInsightId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }
}
