using System.Text.Json;
using System.Text.Json.Serialization;
using InstaIntel.Domain.Security;

namespace InstaIntel.Instagram.Sessions;

/// <summary>The session as the database holds it: each secret part encrypted and bound to its account and column.</summary>
public sealed record ProtectedSession(string CookiesJson, string LocalStorageJson, string SessionStorageJson, string AuthSnapshotJson, string? UserAgent);

/// <summary>
/// Encrypts session bundles for the database and decrypts them for the browser. Cookies, both storages and
/// the auth snapshot (which carries the proxy credentials) are each an AES-GCM secret whose associated data
/// names the account and column, so a ciphertext copied to another account does not decrypt.
/// </summary>
public sealed class SessionVault(SecretProtector protector)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public ProtectedSession Protect(string username, SessionBundle bundle, DateTime capturedAt)
    {
        var snapshot = new AuthSnapshot(capturedAt, bundle.AppId ?? SessionBundle.DefaultAppId, bundle.HasSession,
            bundle.Cookies.Select(c => c.Name).ToList(), bundle.LocalStorage.Select(e => e.Key).ToList(),
            bundle.SessionStorage.Select(e => e.Key).ToList(), bundle.Proxy);
        return new ProtectedSession(
            protector.Protect(JsonSerializer.Serialize(bundle.Cookies, Json), Place(username, "cookies_json")),
            protector.Protect(JsonSerializer.Serialize(bundle.LocalStorage, Json), Place(username, "local_storage_json")),
            protector.Protect(JsonSerializer.Serialize(bundle.SessionStorage, Json), Place(username, "session_storage_json")),
            protector.Protect(JsonSerializer.Serialize(snapshot, Json), Place(username, "auth_snapshot_json")),
            bundle.UserAgent);
    }

    /// <returns>null when the account has no stored session.</returns>
    public SessionBundle? Unprotect(string username, string? cookiesJson, string? localStorageJson, string? sessionStorageJson, string? authSnapshotJson, string? userAgent)
    {
        if (string.IsNullOrEmpty(cookiesJson)) return null;
        var cookies = Read<List<SessionCookie>>(cookiesJson, username, "cookies_json") ?? [];
        var local = Read<List<StorageEntry>>(localStorageJson, username, "local_storage_json") ?? [];
        var session = Read<List<StorageEntry>>(sessionStorageJson, username, "session_storage_json") ?? [];
        var snapshot = Read<AuthSnapshot>(authSnapshotJson, username, "auth_snapshot_json");
        return new SessionBundle(cookies, local, session, userAgent, snapshot?.IgAppId, snapshot?.Proxy);
    }

    private T? Read<T>(string? protectedJson, string username, string column) where T : class =>
        string.IsNullOrEmpty(protectedJson) ? null : JsonSerializer.Deserialize<T>(protector.Unprotect(protectedJson, Place(username, column)), Json);

    private static string Place(string username, string column) => $"instagram_accounts:{username}:{column}";

    /// <summary>What was captured with the session (names only, never values), plus the account's proxy.</summary>
    private sealed record AuthSnapshot(
        DateTime CapturedAt,
        string IgAppId,
        bool SessionidPresent,
        List<string> CookieNames,
        List<string> LocalStorageKeys,
        List<string> SessionStorageKeys,
        ProxySettings? Proxy);
}
