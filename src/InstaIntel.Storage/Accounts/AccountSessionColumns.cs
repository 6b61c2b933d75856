namespace InstaIntel.Storage.Accounts;

/// <summary>
/// The session columns of <c>instagram_accounts</c>, already encrypted by the vault (only the user agent is
/// plain). Written by session import and rolling refresh, never by the entity's projection.
/// </summary>
public sealed record AccountSessionColumns(
    string? CookiesJson,
    string? LocalStorageJson,
    string? SessionStorageJson,
    string? AuthSnapshotJson,
    string? UserAgent);
