using System.Text.Json;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage.Mapping;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Stories;

/// <summary>
/// <c>instagram_profile_behavior_profiles</c> (one per profile): the story-pattern keys of <c>behavioral_summary</c> and the
/// <c>activity_score</c>. Other writers' keys (face identity, history build) stay; metadata records when and from which
/// profile analysis the patterns were last written.
/// </summary>
public sealed class BehaviorProfileRepository(InstaIntelDbFactory factory)
{
    public const string UpdatedAtKey = "story_patterns_updated_at";
    public const string AiAnalysisIdKey = "story_patterns_ai_analysis_id";

    /// <param name="aiAnalysisId">the profile analysis these patterns were built with (its evidence held the same stories).</param>
    public async Task UpsertPatternsAsync(long instagramProfileId, StoryBehaviorPatterns patterns, double activityScore, long? aiAnalysisId,
        CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var existing = await db.InstagramProfileBehaviorProfiles.FirstOrDefaultAsync(b => b.InstagramProfileId == instagramProfileId, cancellationToken);
        var summary = existing?.BehavioralSummary?.DeepClone().AsObject() ?? new JsonObject();
        foreach (var (key, value) in JsonSerializer.SerializeToNode(patterns, JsonColumns.Options)!.AsObject())
            summary[key] = value?.DeepClone();
        var now = DateTime.UtcNow;
        var metadata = existing?.Metadata?.DeepClone().AsObject() ?? new JsonObject();
        metadata[UpdatedAtKey] = now;
        metadata[AiAnalysisIdKey] = aiAnalysisId;
        await db.InstagramProfileBehaviorProfiles.InsertOrUpdateAsync(
            () => new InstagramProfileBehaviorProfile
            {
                InstagramProfileId = instagramProfileId, BehavioralSummary = summary, ActivityScore = activityScore, Metadata = metadata, CreatedAt = now, UpdatedAt = now,
            },
            _ => new InstagramProfileBehaviorProfile { BehavioralSummary = summary, ActivityScore = activityScore, Metadata = metadata, UpdatedAt = now },
            () => new InstagramProfileBehaviorProfile { InstagramProfileId = instagramProfileId },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<InstagramProfileBehaviorProfile?> FindAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfileBehaviorProfiles.FirstOrDefaultAsync(b => b.InstagramProfileId == instagramProfileId, cancellationToken);
    }

    /// <summary>The story-pattern keys of the profile's behaviour summary, or null when none were written.</summary>
    public async Task<StoryBehaviorPatterns?> FindPatternsAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        var summary = (await FindAsync(instagramProfileId, cancellationToken))?.BehavioralSummary;
        return summary?["story_patterns_version"] is null ? null : summary.Deserialize<StoryBehaviorPatterns>(JsonColumns.Options);
    }
}
