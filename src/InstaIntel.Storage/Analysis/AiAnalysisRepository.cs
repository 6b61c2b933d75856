using System.Text.Json.Nodes;
using InstaIntel.Domain.Analysis;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Analysis;

/// <summary>What a finished inference returned, with its quality metrics and versions.</summary>
public sealed record AiAnalysisResult(
    string? Model,
    string? Prompt,
    string? ResponseText,
    JsonObject Analysis,
    double? ConfidenceScore = null,
    int? EvidenceCount = null,
    int? SignalsDetectedCount = null,
    double? InputCompletenessScore = null,
    string? PromptVersion = null,
    string? SchemaVersion = null);

/// <summary><c>ai_analyses</c>: each inference's lifecycle (queued -> running -> completed / failed) and cache reuse by media fingerprint.</summary>
public sealed class AiAnalysisRepository(InstaIntelDbFactory factory)
{
    /// <summary>Inserts the analysis <c>queued</c>; <paramref name="queued"/> gets its id.</summary>
    public async Task<long> QueueAsync(AiAnalysis queued, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queued.Purpose);
        ArgumentException.ThrowIfNullOrWhiteSpace(queued.Provider);
        var now = DateTime.UtcNow;
        queued.Status = AiAnalysisStatus.Queued;
        queued.CreatedAt = now;
        queued.UpdatedAt = now;
        await using var db = factory.Open();
        queued.Id = await db.InsertWithInt64IdentityAsync(queued, token: cancellationToken);
        return queued.Id;
    }

    public async Task MarkRunningAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        await db.AiAnalyses.Where(a => a.Id == id && a.Status == AiAnalysisStatus.Queued)
            .Set(a => a.Status, AiAnalysisStatus.Running)
            .Set(a => a.StartedAt, now)
            .Set(a => a.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }

    public async Task CompleteAsync(long id, AiAnalysisResult result, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        await db.AiAnalyses.Where(a => a.Id == id)
            .Set(a => a.Status, AiAnalysisStatus.Completed)
            .Set(a => a.Model, result.Model)
            .Set(a => a.Prompt, result.Prompt)
            .Set(a => a.ResponseText, result.ResponseText)
            .Set(a => a.Analysis, result.Analysis)
            .Set(a => a.ConfidenceScore, result.ConfidenceScore)
            .Set(a => a.EvidenceCount, result.EvidenceCount)
            .Set(a => a.SignalsDetectedCount, result.SignalsDetectedCount)
            .Set(a => a.InputCompletenessScore, result.InputCompletenessScore)
            .Set(a => a.PromptVersion, result.PromptVersion)
            .Set(a => a.SchemaVersion, result.SchemaVersion)
            .Set(a => a.FinishedAt, now)
            .Set(a => a.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }

    public async Task FailAsync(long id, string error, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        await db.AiAnalyses.Where(a => a.Id == id)
            .Set(a => a.Status, AiAnalysisStatus.Failed)
            .Set(a => a.ErrorMessage, error.Length > 2000 ? error[..2000] : error)
            .Set(a => a.FinishedAt, now)
            .Set(a => a.UpdatedAt, now)
            .UpdateAsync(cancellationToken);
    }

    /// <summary>The newest completed inference (not itself a cache hit) for this purpose and media fingerprint.</summary>
    public async Task<AiAnalysis?> FindReusableAsync(string purpose, string mediaFingerprint, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.AiAnalyses
            .Where(a => a.Purpose == purpose && a.MediaFingerprint == mediaFingerprint && a.Status == AiAnalysisStatus.Completed && !a.CacheHit && a.Analysis != null)
            .OrderByDescending(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Records a cache hit: a new completed row for the new target that copies the original's output and points at
    /// it (<c>cache_hit</c>, <c>cached_from_ai_analysis_id</c>); no inference ran.
    /// </summary>
    public async Task<AiAnalysis> RecordCacheHitAsync(AiAnalysis original, long instagramAccountId, string analyzableType, long analyzableId,
        CancellationToken cancellationToken = default)
    {
        var now = DateTime.UtcNow;
        var metadata = original.Metadata?.DeepClone().AsObject() ?? new JsonObject();
        metadata["cache_hit"] = true;
        metadata["reused_from_ai_analysis_id"] = original.Id;
        metadata["reused_at"] = now;
        var hit = new AiAnalysis
        {
            InstagramAccountId = instagramAccountId,
            AnalyzableType = analyzableType,
            AnalyzableId = analyzableId,
            Purpose = original.Purpose,
            Provider = original.Provider,
            Model = original.Model,
            Prompt = original.Prompt,
            ResponseText = original.ResponseText,
            Analysis = original.Analysis?.DeepClone().AsObject(),
            Metadata = metadata,
            Status = AiAnalysisStatus.Completed,
            StartedAt = now,
            FinishedAt = now,
            MediaFingerprint = original.MediaFingerprint,
            CacheHit = true,
            CachedFromAiAnalysisId = original.Id,
            ConfidenceScore = original.ConfidenceScore,
            EvidenceCount = original.EvidenceCount,
            SignalsDetectedCount = original.SignalsDetectedCount,
            InputCompletenessScore = original.InputCompletenessScore,
            PromptVersion = original.PromptVersion,
            SchemaVersion = original.SchemaVersion,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var db = factory.Open();
        hit.Id = await db.InsertWithInt64IdentityAsync(hit, token: cancellationToken);
        return hit;
    }

    public async Task<AiAnalysis?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.AiAnalyses.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<AiAnalysis>> ListForAsync(string analyzableType, long analyzableId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.AiAnalyses.Where(a => a.AnalyzableType == analyzableType && a.AnalyzableId == analyzableId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
    }
}
