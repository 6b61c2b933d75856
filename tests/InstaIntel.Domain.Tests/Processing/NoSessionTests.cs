using System.Collections.Immutable;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Domain.Tests.Processing;

public sealed class NoSessionTests
{
    [Fact]
    public void An_account_that_never_had_a_session_starts_no_run_and_collects_no_failure()
    {
        var state = new CoordinatorState(true, ContinuousProcessingState.Idle, LoginState.NotAuthenticated, null, null,
            ImmutableDictionary<WorkKind, DateTime>.Empty, 0);
        var tick = new TickContext(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), Manual: true, AiHealthy: true, Backlog.None, false, 0.5);

        var skip = Assert.IsType<TickDecision.Skip>(ContinuousProcessing.Decide(state, tick, new ContinuousProcessingSettings()));
        Assert.Equal(SkipReason.AuthenticationRequired, skip.Reason);
        Assert.IsType<TickDecision.Run>(ContinuousProcessing.Decide(state with { LoginState = LoginState.Authenticated }, tick, new ContinuousProcessingSettings()));
    }
}
