using System.Collections.Concurrent;
using InstaIntel.Domain.Budget;

namespace InstaIntel.Instagram.Transport;

/// <summary>A request gate whose budget lives in memory (tests, tools); the node uses the account entity's persisted one.</summary>
public sealed class InMemoryRequestGate(RequestBudgetSettings settings, TimeProvider? clock = null) : IRequestGate
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, RequestBudget> _budgets = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public RequestBudget BudgetOf(string account) => _budgets.GetValueOrDefault(account, RequestBudget.Empty);

    public async Task AcquireAsync(string account, InstagramAction? action, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(account, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = _clock.GetUtcNow().UtcDateTime;
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
}
