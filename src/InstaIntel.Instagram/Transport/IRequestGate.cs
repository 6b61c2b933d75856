using InstaIntel.Domain.Budget;

namespace InstaIntel.Instagram.Transport;

/// <summary>
/// Every Instagram request passes through the account's gate first: it waits until the account's request
/// budget (and, for actions, the daily cap) has room and records the request. The account entity implements
/// it with persisted counters; <see cref="InMemoryRequestGate"/> serves tests and tools.
/// </summary>
public interface IRequestGate
{
    /// <exception cref="DailyCapReachedException">the action's daily cap is used up (waiting would mean until tomorrow).</exception>
    Task AcquireAsync(string account, InstagramAction? action, CancellationToken cancellationToken);
}

/// <summary>The account has used its daily allowance of <see cref="Action"/>.</summary>
public sealed class DailyCapReachedException(string account, InstagramAction action, DateTime retryAt)
    : Exception($"account {account} reached its daily cap of {Domain.Common.SeedString.Of(action)} until {retryAt:O}")
{
    public InstagramAction Action { get; } = action;
    public DateTime RetryAt { get; } = retryAt;
}
