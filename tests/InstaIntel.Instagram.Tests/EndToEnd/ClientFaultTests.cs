using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Tests.EndToEnd;

/// <summary>Each fault the simulator injects comes back as its typed error, and the client acts on it.</summary>
public sealed class ClientFaultTests(SimulatorClientFixture fixture) : IClassFixture<SimulatorClientFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string CurrentUser = "/api/v1/accounts/current_user";

    public static TheoryData<string, Type> Faults => new()
    {
        { "checkpoint_required", typeof(ChallengeRequiredException) },
        { "challenge_required", typeof(ChallengeRequiredException) },
        { "feedback_required", typeof(ActionBlockedException) },
        { "server_error", typeof(TransientException) },
        { "truncated", typeof(TransientException) },
        { "rate_limit;retry_after=1", typeof(RateLimitedException) },
        { "login_required", typeof(AuthenticationRequiredException) },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Each_injected_fault_yields_its_typed_error(string fault, Type expected)
    {
        var account = fixture.FreshAccount(Faults.ToList().FindIndex(row => (string)row[0] == fault));
        var session = await fixture.LogInAsync(account);
        fixture.Simulator.Faults.Add(fault, CurrentUser, account, times: 1);

        var error = await Assert.ThrowsAnyAsync<InstagramException>(() => fixture.Client.GetCurrentUserAsync(session, None));
        Assert.IsType(expected, error);
    }

    [Fact]
    public async Task A_slow_answer_beyond_the_timeout_is_transient()
    {
        var account = fixture.FreshAccount(20);
        var session = await fixture.LogInAsync(account);
        fixture.Simulator.Faults.Add("slow;delay_ms=8000", CurrentUser, account, times: 1);

        var error = await Assert.ThrowsAsync<TransientException>(() => fixture.Client.GetCurrentUserAsync(session, None));
        Assert.Null(error.Status);
    }

    [Fact]
    public async Task A_rate_limit_holds_the_account_for_the_retry_after_and_the_next_request_honours_it()
    {
        var account = fixture.FreshAccount(21);
        var session = await fixture.LogInAsync(account);
        fixture.Simulator.Faults.Add("rate_limit;retry_after=2", CurrentUser, account, times: 1);

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => fixture.Client.GetCurrentUserAsync(session, None));
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        var user = await fixture.Client.GetCurrentUserAsync(session, None);
        Assert.Equal(account, user.Username);

        var mine = fixture.Simulator.Requests.Where(r => r.Username == account && r.PathAndQuery.StartsWith(CurrentUser, StringComparison.Ordinal)).ToList();
        var limited = mine.Single(r => r.StatusCode == 429);
        var next = mine.First(r => r.Sequence > limited.Sequence);
        // The simulator's own clock says when each request arrived.
        Assert.True(next.Time - limited.Time >= TimeSpan.FromSeconds(1.9), $"the next request came {next.Time - limited.Time} after the 429");
    }

    [Fact]
    public async Task After_an_authentication_error_the_client_sends_nothing_more_for_that_account()
    {
        var account = fixture.FreshAccount(22);
        var session = await fixture.LogInAsync(account);
        await fixture.Client.GetCurrentUserAsync(session, None);
        await fixture.Client.GetStoryTrayAsync(session, None);
        fixture.Simulator.Sessions.ExpireSessionsOf(account); // Instagram ends the session
        await Assert.ThrowsAsync<AuthenticationRequiredException>(() => fixture.Client.GetHomeFeedAsync(session, null, None));
        var served = fixture.RequestsBy(account) + fixture.Simulator.Requests.Count(r => r.Username is null);

        await Assert.ThrowsAsync<AuthenticationRequiredException>(() => fixture.Client.GetCurrentUserAsync(session, None));
        await Assert.ThrowsAsync<AuthenticationRequiredException>(() => fixture.Client.LikePostAsync(session, "123456", None));
        Assert.True(fixture.Gate.IsLoggedOut(account));
        Assert.Equal(served, fixture.RequestsBy(account) + fixture.Simulator.Requests.Count(r => r.Username is null));

        // A new session (a fresh login) is let through to be checked, and the account is back.
        var fresh = await fixture.LogInAsync(account);
        fixture.Simulator.Faults.Clear();
        Assert.True((await fixture.Client.ValidateSessionAsync(fresh, None)).IsValid);
    }
}
