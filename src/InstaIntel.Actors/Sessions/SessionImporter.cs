using Akka.Actor;
using InstaIntel.Actors.Accounts;
using InstaIntel.Instagram.Browser;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Sessions;

namespace InstaIntel.Actors.Sessions;

/// <summary>What became of an offered session.</summary>
public sealed record SessionImportResult(SessionState State, CurrentUser? User, string? ChallengeUrl, AccountView? Account);

/// <summary>
/// Takes a session offered for an account (an import or a fresh login): checks it against Instagram's current-user
/// endpoint, and only if it is alive stores it (encrypted) and tells the account entity, which clears the
/// authentication pause. A dead session is reported to the entity and never stored.
/// </summary>
public sealed class SessionImporter(
    IInstagramClient instagram, AccountSessionStore sessions, BrowserPool browsers, Func<CancellationToken, Task<IActorRef>> region)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    /// <exception cref="Instagram.Errors.InstagramException">Instagram could not say (rate limit, outage): nothing changed.</exception>
    public async Task<SessionImportResult> ImportAsync(string username, SessionBundle bundle, CancellationToken cancellationToken)
    {
        var accounts = await region(cancellationToken);
        // The old context carries the old cookies; the check must run with the offered ones.
        await browsers.ForgetAsync(username);
        var validation = await instagram.ValidateSessionAsync(new AccountSession(username, bundle), cancellationToken);
        if (!validation.IsValid)
        {
            var view = await accounts.Ask<IAccountReply>(
                new ReportAuthenticationFailure(username, validation.State == SessionState.ChallengeRequired ? "challenge_required" : "login_required"),
                AskTimeout, cancellationToken) as AccountView;
            return new SessionImportResult(validation.State, null, validation.ChallengeUrl, view);
        }

        await SaveAsync(username, bundle, cancellationToken);
        var imported = await accounts.Ask<IAccountReply>(new ImportSession(username, validation.User!.Id), AskTimeout, cancellationToken) as AccountView;
        return new SessionImportResult(SessionState.Valid, validation.User, null, imported);
    }

    // The row is the entity's projection and may trail a just-created account by a moment.
    private async Task SaveAsync(string username, SessionBundle bundle, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await sessions.SaveAsync(username, bundle, cancellationToken)) return;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        throw new InvalidOperationException($"account {username} has no row to hold its session");
    }
}
