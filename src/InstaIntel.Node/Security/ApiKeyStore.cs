using InstaIntel.Domain.Security;
using InstaIntel.Storage.Security;
using Microsoft.Extensions.Options;

namespace InstaIntel.Node.Security;

/// <summary>
/// The key hashes this node accepts: configured ones plus the active rows of <c>api_keys</c>, cached briefly so
/// a request costs no query. An unknown key forces one early refresh so a key created on another node (or by
/// the CLI) works at once.
/// </summary>
public sealed class ApiKeyStore(ApiKeyRepository keys, IOptions<SecurityOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyList<string> _hashes = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    public async Task<bool> IsValidAsync(string presented, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _loadedAt > options.Value.KeyCacheLifetime)
            await RefreshAsync(cancellationToken);
        if (ApiKeySecret.Matches(presented, _hashes))
            return true;
        if (clock.GetUtcNow() - _loadedAt < MinimumRefreshInterval)
            return false;
        await RefreshAsync(cancellationToken);
        return ApiKeySecret.Matches(presented, _hashes);
    }

    /// <summary>Whether a key with this hash is still accepted (the dashboard's cookie carries the hash, not the key).</summary>
    public async Task<bool> IsActiveHashAsync(string hash, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _loadedAt > options.Value.KeyCacheLifetime)
            await RefreshAsync(cancellationToken);
        return _hashes.Contains(hash, StringComparer.Ordinal);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var stored = await keys.ActiveHashesAsync(cancellationToken);
            _hashes = [.. options.Value.ApiKeyHashes.Select(h => h.Trim().ToLowerInvariant()), .. stored];
            _loadedAt = clock.GetUtcNow();
        }
        finally
        {
            _refresh.Release();
        }
    }
}
