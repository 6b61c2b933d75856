using InstaIntel.Instagram.Sessions;
using InstaIntel.Storage.Accounts;

namespace InstaIntel.Actors.Sessions;

/// <summary>An account's session bundle, encrypted by the vault into the <c>instagram_accounts</c> session columns.</summary>
public sealed class AccountSessionStore(AccountRepository accounts, SessionVault vault)
{
    /// <returns>false when the account has no row (it was never created).</returns>
    public Task<bool> SaveAsync(string username, SessionBundle bundle, CancellationToken cancellationToken)
    {
        var sealedSession = vault.Protect(username, bundle, DateTime.UtcNow);
        return accounts.SaveSessionAsync(username, new AccountSessionColumns(
            sealedSession.CookiesJson, sealedSession.LocalStorageJson, sealedSession.SessionStorageJson, sealedSession.AuthSnapshotJson, sealedSession.UserAgent),
            cancellationToken);
    }

    /// <returns>null when the account has no stored session.</returns>
    public async Task<SessionBundle?> LoadAsync(string username, CancellationToken cancellationToken)
    {
        var columns = await accounts.LoadSessionAsync(username, cancellationToken);
        return columns is null
            ? null
            : vault.Unprotect(username, columns.CookiesJson, columns.LocalStorageJson, columns.SessionStorageJson, columns.AuthSnapshotJson, columns.UserAgent);
    }
}
