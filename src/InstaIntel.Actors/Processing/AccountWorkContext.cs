using InstaIntel.Actors.Sessions;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Errors;
using InstaIntel.Storage.Accounts;

namespace InstaIntel.Actors.Processing;

/// <summary>What a phase needs to act as the account: its row id, its session and its Instagram user id.</summary>
public sealed record AccountWorkContext(long AccountId, string Username, AccountSession Session, string InstagramUserId);

/// <summary>Loads the <see cref="AccountWorkContext"/> at the start of a phase (the session may have changed since the last).</summary>
public sealed class AccountWorkContextLoader(AccountRepository accounts, AccountSessionStore sessions, IInstagramClient instagram)
{
    /// <exception cref="AuthenticationRequiredException">the account has no stored session.</exception>
    public async Task<AccountWorkContext> LoadAsync(string username, string? instagramUserId, CancellationToken cancellationToken)
    {
        var (accountId, session) = await LoadSessionAsync(username, cancellationToken);
        // The entity learns the user id at import; an older account asks Instagram once.
        var userId = instagramUserId ?? (await instagram.GetCurrentUserAsync(session, cancellationToken)).Id;
        return new AccountWorkContext(accountId, username, session, userId);
    }

    /// <summary>The row id and session only: for work that never needs the account's own user id (messaging), so no request.</summary>
    /// <exception cref="AuthenticationRequiredException">the account has no stored session.</exception>
    public async Task<(long AccountId, AccountSession Session)> LoadSessionAsync(string username, CancellationToken cancellationToken)
    {
        var row = await accounts.FindAsync(username, cancellationToken)
                  ?? throw new InvalidOperationException($"account {username} has no row yet");
        var bundle = await sessions.LoadAsync(username, cancellationToken)
                     ?? throw new AuthenticationRequiredException("no_session_stored");
        return (row.Id, new AccountSession(username, bundle));
    }
}
