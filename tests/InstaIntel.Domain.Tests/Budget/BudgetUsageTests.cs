using InstaIntel.Domain.Budget;

namespace InstaIntel.Domain.Tests.Budget;

public sealed class BudgetUsageTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);
    private static readonly RequestBudgetSettings Settings = new() { RequestsPerWindow = 5, Window = TimeSpan.FromMinutes(1), DailyLikes = 7, DailyComments = 3 };

    [Fact]
    public void Usage_counts_the_requests_still_in_the_window_and_todays_actions_against_their_caps()
    {
        var budget = RequestBudget.Empty
            .Consume(T0, Settings, InstagramAction.Like)
            .Consume(T0.AddSeconds(30), Settings, InstagramAction.Like)
            .Consume(T0.AddSeconds(40), Settings, InstagramAction.Comment);

        var usage = BudgetUsage.Of(budget, T0.AddSeconds(70), Settings);

        Assert.Equal(2, usage.UsedInWindow); // the first request left the window at T0 + 60 s
        Assert.Equal(5, usage.RequestsPerWindow);
        Assert.Equal(new ActionUsage(InstagramAction.Like, 2, 7), usage.Actions.Single(a => a.Action == InstagramAction.Like));
        Assert.Equal(new ActionUsage(InstagramAction.Comment, 1, 3), usage.Actions.Single(a => a.Action == InstagramAction.Comment));
        Assert.Equal(0, usage.Actions.Single(a => a.Action == InstagramAction.DirectMessage).UsedToday);
    }

    [Fact]
    public void A_new_day_starts_the_action_counts_from_zero()
    {
        var budget = RequestBudget.Empty.Consume(T0, Settings, InstagramAction.Like);
        var tomorrow = BudgetUsage.Of(budget, T0.AddDays(1), Settings);
        Assert.All(tomorrow.Actions, a => Assert.Equal(0, a.UsedToday));
        Assert.Equal(0, tomorrow.UsedInWindow);
    }
}
