using InstaIntel.Domain.Analysis;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Analysis;

/// <summary><c>ai_api_calls</c>: one row per provider call; rate-limit windows are counted from these rows.</summary>
public sealed class AiApiCallRepository(InstaIntelDbFactory factory)
{
    public async Task<long> RecordAsync(AiApiCall call, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(call.Provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(call.Operation);
        var now = DateTime.UtcNow;
        if (call.OccurredAt == default) call.OccurredAt = now;
        call.CreatedAt = now;
        call.UpdatedAt = now;
        await using var db = factory.Open();
        call.Id = await db.InsertWithInt64IdentityAsync(call, token: cancellationToken);
        return call.Id;
    }

    /// <summary>Calls to <paramref name="provider"/> since <paramref name="since"/> (failed ones count too: the provider saw them).</summary>
    public async Task<int> CountSinceAsync(string provider, DateTime since, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.AiApiCalls.CountAsync(c => c.Provider == provider && c.OccurredAt >= since, cancellationToken);
    }

    /// <summary>Tokens billed by <paramref name="provider"/> since <paramref name="since"/>.</summary>
    public async Task<long> TokensSinceAsync(string provider, DateTime since, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.AiApiCalls.Where(c => c.Provider == provider && c.OccurredAt >= since).SumAsync(c => (long?)c.TotalTokens, cancellationToken) ?? 0;
    }

    public async Task<IReadOnlyList<AiApiCall>> ListAsync(string? provider = null, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.AiApiCalls.Where(c => provider == null || c.Provider == provider).OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }
}
