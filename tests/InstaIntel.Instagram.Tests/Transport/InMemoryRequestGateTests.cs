using InstaIntel.Domain.Budget;
using InstaIntel.Instagram.Transport;
using Microsoft.Extensions.Time.Testing;

namespace InstaIntel.Instagram.Tests.Transport;

public sealed class InMemoryRequestGateTests
{
    private static readonly RequestBudgetSettings Budget = new() { RequestsPerWindow = 3, Window = TimeSpan.FromSeconds(10), DailyComments = 1 };
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_full_window_makes_the_next_request_wait_until_the_oldest_leaves_it()
    {
        var gate = new InMemoryRequestGate(Budget, _clock);
        for (var i = 0; i < 3; i++)
            await gate.AcquireAsync("alice", null, CancellationToken.None);

        var fourth = gate.AcquireAsync("alice", null, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(10));
        await fourth.WaitAsync(TimeSpan.FromSeconds(5));
        // The first three left the window exactly as the fourth entered it.
        Assert.Equal(1, gate.BudgetOf("alice").UsedInWindow(_clock.GetUtcNow().UtcDateTime, Budget));
    }

    [Fact]
    public async Task A_hold_after_a_rate_limit_delays_requests_until_it_ends()
    {
        var gate = new InMemoryRequestGate(Budget, _clock);
        await gate.HoldAsync("alice", _clock.GetUtcNow().UtcDateTime.AddSeconds(30), "rate_limited", CancellationToken.None);
        var waiting = gate.AcquireAsync("alice", null, CancellationToken.None);
        await gate.AcquireAsync("bob", null, CancellationToken.None); // another account is not held
        _clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_lost_session_refuses_every_request_until_authentication_is_restored()
    {
        var gate = new InMemoryRequestGate(Budget, _clock);
        await gate.ReportAuthenticationFailureAsync("alice", "login_required", CancellationToken.None);
        await Assert.ThrowsAsync<AccountLoggedOutException>(() => gate.AcquireAsync("alice", null, CancellationToken.None));
        Assert.Equal(0, gate.BudgetOf("alice").UsedInWindow(_clock.GetUtcNow().UtcDateTime, Budget));

        gate.RestoreAuthentication("alice");
        await gate.AcquireAsync("alice", null, CancellationToken.None);
    }

    [Fact]
    public async Task A_used_up_daily_cap_is_an_error_not_a_day_long_wait()
    {
        var gate = new InMemoryRequestGate(Budget, _clock);
        await gate.AcquireAsync("alice", InstagramAction.Comment, CancellationToken.None);
        var error = await Assert.ThrowsAsync<DailyCapReachedException>(() => gate.AcquireAsync("alice", InstagramAction.Comment, CancellationToken.None));
        Assert.Equal(InstagramAction.Comment, error.Action);
        Assert.Equal(new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), error.RetryAt);
    }
}
