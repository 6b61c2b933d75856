using InstaIntel.Domain.Budget;

namespace InstaIntel.Instagram.Transport;

/// <summary>
/// Every Instagram request passes through the account's gate first: it waits until the account's request
/// budget (and, for actions, the daily cap) has room and records the request. The gate also carries what the
/// client learns about the account's standing: a pause after a 429 or 5xx, and a lost session, after which no
/// request is let through until a new session is imported. The account entity implements it with persisted
/// counters; <see cref="InMemoryRequestGate"/> serves tests and tools.
/// </summary>
public interface IRequestGate
{
    /// <exception cref="DailyCapReachedException">the action's daily cap is used up (waiting would mean until tomorrow).</exception>
    /// <exception cref="AccountLoggedOutException">the account's session was refused; nothing goes out until a new one is imported.</exception>
    Task AcquireAsync(string account, InstagramAction? action, CancellationToken cancellationToken);

    /// <summary>
    /// Room for the one request that checks a newly offered session: it spends budget like any other request but
    /// is let through while the account is logged out, since it is how the account gets back in.
    /// </summary>
    Task AcquireForSessionCheckAsync(string account, CancellationToken cancellationToken);

    /// <summary>No request for the account before <paramref name="until"/> (Instagram asked us to slow down).</summary>
    Task HoldAsync(string account, DateTime until, string reason, CancellationToken cancellationToken);

    /// <summary>Instagram refused the account's session: block its requests until a session is imported.</summary>
    Task ReportAuthenticationFailureAsync(string account, string reason, CancellationToken cancellationToken);
}

/// <summary>The account has used its daily allowance of <see cref="Action"/>.</summary>
public sealed class DailyCapReachedException(string account, InstagramAction action, DateTime retryAt)
    : Exception($"account {account} reached its daily cap of {Domain.Common.SeedString.Of(action)} until {retryAt:O}")
{
    public InstagramAction Action { get; } = action;
    public DateTime RetryAt { get; } = retryAt;
}

/// <summary>The account's session was refused earlier; the gate lets nothing through until a new one is imported.</summary>
public sealed class AccountLoggedOutException(string account)
    : Exception($"account {account} needs a new session before it may call Instagram again")
{
    public string Account { get; } = account;
}
