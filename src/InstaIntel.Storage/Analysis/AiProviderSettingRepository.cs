using System.Text.Json.Nodes;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Security;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Analysis;

/// <summary>A provider's settings with its API key decrypted, for the runner only (never logged).</summary>
public sealed record ProviderSettings(string Provider, bool Enabled, int Priority, JsonObject Config, string? ApiKey);

/// <summary><c>ai_provider_settings</c>: one row per provider; the API key is encrypted at rest, bound to its row.</summary>
public sealed class AiProviderSettingRepository(InstaIntelDbFactory factory, SecretProtector protector)
{
    private static string Binding(string provider) => $"ai_provider_settings:{provider}:api_key";

    /// <summary>Creates or replaces a provider's settings; a null key keeps none.</summary>
    public async Task UpsertAsync(string provider, bool enabled, int priority, JsonObject? config, string? apiKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        var stored = apiKey is null ? null : protector.Protect(apiKey, Binding(provider));
        var now = DateTime.UtcNow;
        await using var db = factory.Open();
        await db.AiProviderSettings.InsertOrUpdateAsync(
            () => new AiProviderSetting { Provider = provider, Enabled = enabled, Priority = priority, Config = config, ApiKey = stored, CreatedAt = now, UpdatedAt = now },
            _ => new AiProviderSetting { Enabled = enabled, Priority = priority, Config = config, ApiKey = stored, UpdatedAt = now },
            () => new AiProviderSetting { Provider = provider },
            cancellationToken);
    }

    /// <summary>Enabled providers, preferred (lowest priority number) first, ties by name.</summary>
    public async Task<IReadOnlyList<ProviderSettings>> ListEnabledAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var rows = await db.AiProviderSettings.Where(s => s.Enabled).OrderBy(s => s.Priority).ThenBy(s => s.Provider).ToListAsync(cancellationToken);
        return rows.Select(r => new ProviderSettings(r.Provider, r.Enabled, r.Priority, r.Config ?? new JsonObject(),
            r.ApiKey is { } key ? protector.Unprotect(key, Binding(r.Provider)) : null)).ToList();
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.AiProviderSettings.AnyAsync(cancellationToken);
    }
}
