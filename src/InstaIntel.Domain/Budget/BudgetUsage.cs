namespace InstaIntel.Domain.Budget;

/// <summary>How much of an account's budget is spent: requests in the current window, and each capped action today.</summary>
public sealed record BudgetUsage(int UsedInWindow, int RequestsPerWindow, TimeSpan Window, IReadOnlyList<ActionUsage> Actions)
{
    public static BudgetUsage Of(RequestBudget budget, DateTime now, RequestBudgetSettings settings) => new(
        budget.UsedInWindow(now, settings),
        settings.RequestsPerWindow,
        settings.Window,
        Enum.GetValues<InstagramAction>().Select(a => new ActionUsage(a, budget.CountToday(a, now), settings.DailyCap(a))).ToList());
}

public sealed record ActionUsage(InstagramAction Action, int UsedToday, int DailyCap);
