using System.Collections.Immutable;

namespace InstaIntel.Domain.Budget;

/// <summary>The outcome of asking the budget for room.</summary>
public readonly record struct BudgetDecision(bool Allowed, DateTime? RetryAt, string? Reason)
{
    public static BudgetDecision Allow => new(true, null, null);
}

/// <summary>
/// The persisted state of an account's request budget: the times of the requests still inside the sliding
/// window, and today's action counts. Immutable; the account entity persists what it consumes, so a restart
/// or a rebalance never resets it.
/// </summary>
public sealed record RequestBudget
{
    public static readonly RequestBudget Empty = new();

    /// <summary>Times of the most recent requests, oldest first, at most RequestsPerWindow of them.</summary>
    public ImmutableQueue<DateTime> RecentRequests { get; init; } = ImmutableQueue<DateTime>.Empty;

    /// <summary>The UTC day the action counts belong to.</summary>
    public DateOnly Day { get; init; }

    public ImmutableDictionary<InstagramAction, int> ActionsToday { get; init; } = ImmutableDictionary<InstagramAction, int>.Empty;

    /// <summary>Room for one more request at <paramref name="now"/>, and if not, when there will be.</summary>
    public BudgetDecision CanRequest(DateTime now, RequestBudgetSettings settings)
    {
        var inWindow = InWindow(now, settings).ToList();
        if (inWindow.Count < settings.RequestsPerWindow)
            return BudgetDecision.Allow;
        // The oldest request in the window leaves it at oldest + window: the earliest moment there is room.
        var oldest = inWindow[inWindow.Count - settings.RequestsPerWindow];
        return new BudgetDecision(false, oldest + settings.Window + settings.Margin, "request_window_full");
    }

    public BudgetDecision CanAct(InstagramAction action, DateTime now, RequestBudgetSettings settings)
    {
        var used = CountToday(action, now);
        if (used < settings.DailyCap(action))
            return CanRequest(now, settings);
        var tomorrow = DateOnly.FromDateTime(now).AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return new BudgetDecision(false, tomorrow, $"daily_cap_reached:{Common.SeedString.Of(action)}");
    }

    public int CountToday(InstagramAction action, DateTime now) =>
        DateOnly.FromDateTime(now) == Day && ActionsToday.TryGetValue(action, out var count) ? count : 0;

    /// <summary>Records a request made at <paramref name="at"/> (and the action it carried, if any).</summary>
    public RequestBudget Consume(DateTime at, RequestBudgetSettings settings, InstagramAction? action = null)
    {
        var recent = ImmutableQueue.CreateRange(InWindow(at, settings).Append(at).TakeLast(settings.RequestsPerWindow));
        var day = DateOnly.FromDateTime(at);
        var actions = day == Day ? ActionsToday : ImmutableDictionary<InstagramAction, int>.Empty;
        if (action is { } a)
            actions = actions.SetItem(a, (actions.TryGetValue(a, out var n) ? n : 0) + 1);
        return this with { RecentRequests = recent, Day = day, ActionsToday = actions };
    }

    /// <summary>Requests used in the window ending at <paramref name="now"/>.</summary>
    public int UsedInWindow(DateTime now, RequestBudgetSettings settings) => InWindow(now, settings).Count();

    // A request at t occupies the half-open window (t - W - margin, t]: one made exactly W (+ margin) ago no longer counts.
    private IEnumerable<DateTime> InWindow(DateTime now, RequestBudgetSettings settings) =>
        RecentRequests.Where(t => t > now - settings.Window - settings.Margin);
}
