using InstaIntel.Domain.Budget;

namespace InstaIntel.Domain.Tests.Budget;

public sealed class RequestBudgetTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);
    private static readonly RequestBudgetSettings Settings = new() { RequestsPerWindow = 3, Window = TimeSpan.FromMinutes(1), DailyLikes = 2 };

    [Fact]
    public void A_full_window_refuses_until_the_oldest_request_leaves_it()
    {
        var budget = RequestBudget.Empty
            .Consume(T0, Settings)
            .Consume(T0.AddSeconds(10), Settings)
            .Consume(T0.AddSeconds(20), Settings);

        var refused = budget.CanRequest(T0.AddSeconds(30), Settings);
        Assert.False(refused.Allowed);
        Assert.Equal(T0.AddMinutes(1), refused.RetryAt);
        Assert.False(budget.CanRequest(T0.AddSeconds(59.999), Settings).Allowed);
        Assert.True(budget.CanRequest(T0.AddMinutes(1), Settings).Allowed);
    }

    [Fact]
    public void Following_the_budget_never_puts_more_than_n_requests_in_any_window()
    {
        var budget = RequestBudget.Empty;
        var made = new List<DateTime>();
        var now = T0;
        for (var i = 0; i < 50; i++)
        {
            var decision = budget.CanRequest(now, Settings);
            if (!decision.Allowed) now = decision.RetryAt!.Value;
            Assert.True(budget.CanRequest(now, Settings).Allowed);
            budget = budget.Consume(now, Settings);
            made.Add(now);
            now = now.AddSeconds(7);
        }
        foreach (var start in made)
            Assert.True(made.Count(t => t >= start && t < start + Settings.Window) <= Settings.RequestsPerWindow);
        // And the budget is used: every window starting at a request holds exactly N while work is pending.
        Assert.Equal(Settings.RequestsPerWindow, made.Count(t => t >= made[10] && t < made[10] + Settings.Window));
    }

    [Fact]
    public void Daily_cap_refuses_the_action_until_the_next_utc_day()
    {
        var budget = RequestBudget.Empty
            .Consume(T0, Settings, InstagramAction.Like)
            .Consume(T0.AddMinutes(5), Settings, InstagramAction.Like);

        var refused = budget.CanAct(InstagramAction.Like, T0.AddMinutes(10), Settings);
        Assert.False(refused.Allowed);
        Assert.Equal("daily_cap_reached:like", refused.Reason);
        Assert.Equal(new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc), refused.RetryAt);
        Assert.True(budget.CanAct(InstagramAction.Comment, T0.AddMinutes(10), Settings).Allowed);
        Assert.True(budget.CanAct(InstagramAction.Like, new DateTime(2026, 11, 25, 0, 0, 1, DateTimeKind.Utc), Settings).Allowed);
    }

    [Fact]
    public void Counts_start_again_on_a_new_day()
    {
        var budget = RequestBudget.Empty.Consume(T0, Settings, InstagramAction.Comment);
        var tomorrow = T0.AddDays(1);
        Assert.Equal(1, budget.CountToday(InstagramAction.Comment, T0));
        Assert.Equal(0, budget.CountToday(InstagramAction.Comment, tomorrow));
        Assert.Equal(1, budget.Consume(tomorrow, Settings, InstagramAction.Comment).CountToday(InstagramAction.Comment, tomorrow));
    }

    [Fact]
    public void The_state_keeps_at_most_one_window_of_request_times()
    {
        var budget = RequestBudget.Empty;
        for (var i = 0; i < 20; i++)
            budget = budget.Consume(T0.AddSeconds(i * 30), Settings);
        Assert.True(budget.RecentRequests.Count() <= Settings.RequestsPerWindow);
    }
}
