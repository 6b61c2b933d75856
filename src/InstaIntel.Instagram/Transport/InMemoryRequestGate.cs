using System.Collections.Concurrent;
using InstaIntel.Domain.Budget;

namespace InstaIntel.Instagram.Transport;

/// <summary>A request gate whose budget lives in memory (tests, tools); the node uses the account entity's persisted one.</summary>
public sealed class InMemoryRequestGate(RequestBudgetSettings settings, TimeProvider? clock = null) : IRequestGate
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, RequestBudget> _budgets = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<string, DateTime> _heldUntil = new();
    private readonly ConcurrentDictionary<string, string> _loggedOut = new();

    public RequestBudget BudgetOf(string account) => _budgets.GetValueOrDefault(account, RequestBudget.Empty);

    public bool IsLoggedOut(string account) => _loggedOut.ContainsKey(account);

    /// <summary>A new session was imported: the account may call Instagram again.</summary>
    public void RestoreAuthentication(string account) => _loggedOut.TryRemove(account, out _);

    public Task AcquireAsync(string account, InstagramAction? action, CancellationToken cancellationToken) =>
        AcquireAsync(account, action, sessionCheck: false, cancellationToken);

    public Task AcquireForSessionCheckAsync(string account, CancellationToken cancellationToken) =>
        AcquireAsync(account, null, sessionCheck: true, cancellationToken);

    private async Task AcquireAsync(string account, InstagramAction? action, bool sessionCheck, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(account, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                if (!sessionCheck && IsLoggedOut(account))
                    throw new AccountLoggedOutException(account);
                var now = _clock.GetUtcNow().UtcDateTime;
                if (_heldUntil.TryGetValue(account, out var held) && held > now)
                {
                    await Task.Delay(held - now, _clock, cancellationToken);
                    continue;
                }
                var budget = BudgetOf(account);
                var decision = action is { } a ? budget.CanAct(a, now, settings) : budget.CanRequest(now, settings);
                if (decision.Allowed)
                {
                    _budgets[account] = budget.Consume(now, settings, action);
                    return;
                }
                if (action is { } capped && decision.Reason?.StartsWith("daily_cap", StringComparison.Ordinal) == true)
                    throw new DailyCapReachedException(account, capped, decision.RetryAt!.Value);
                var wait = decision.RetryAt!.Value - now;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _clock, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public Task HoldAsync(string account, DateTime until, string reason, CancellationToken cancellationToken)
    {
        _heldUntil.AddOrUpdate(account, until, (_, current) => current > until ? current : until);
        return Task.CompletedTask;
    }

    public Task ReportAuthenticationFailureAsync(string account, string reason, CancellationToken cancellationToken)
    {
        _loggedOut[account] = reason;
        return Task.CompletedTask;
    }
}
