using Akka.Actor;
using InstaIntel.Domain.Budget;
using InstaIntel.Instagram.Transport;

namespace InstaIntel.Actors.Accounts;

/// <summary>
/// The node's request gate: asks the account's entity (through the shard region, so it works from any node)
/// for room in its persisted budget, and tells it about holds and lost sessions. It is called by the
/// Instagram client, which runs outside actors, so asking here is the edge, not an actor waiting on an actor.
/// </summary>
public sealed class AccountRequestGate(Func<CancellationToken, Task<IActorRef>> region, TimeProvider? clock = null, TimeSpan? askTimeout = null) : IRequestGate
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly TimeSpan _askTimeout = askTimeout ?? TimeSpan.FromSeconds(10);

    public AccountRequestGate(IActorRef region, TimeProvider? clock = null, TimeSpan? askTimeout = null)
        : this(_ => Task.FromResult(region), clock, askTimeout) { }

    public Task AcquireAsync(string account, InstagramAction? action, CancellationToken cancellationToken) =>
        AcquireAsync(new ReserveRequest(account, action), cancellationToken);

    public Task AcquireForSessionCheckAsync(string account, CancellationToken cancellationToken) =>
        AcquireAsync(new ReserveRequest(account, SessionCheck: true), cancellationToken);

    private async Task AcquireAsync(ReserveRequest reserve, CancellationToken cancellationToken)
    {
        var (account, action) = (reserve.Username, reserve.Action);
        while (true)
        {
            var accounts = await region(cancellationToken);
            var reply = await accounts.Ask<IAccountReply>(reserve, _askTimeout, cancellationToken);
            switch (reply)
            {
                case RequestGranted:
                    return;
                case RequestDeferred { Reason: "authentication_required" }:
                    throw new AccountLoggedOutException(account);
                case RequestDeferred { DailyCapReached: true } capped:
                    throw new DailyCapReachedException(account, action!.Value, capped.RetryAt);
                case RequestDeferred deferred:
                    var wait = deferred.RetryAt - _clock.GetUtcNow().UtcDateTime;
                    await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(5), _clock, cancellationToken);
                    break;
                case AccountNotFound:
                    throw new InvalidOperationException($"account {account} does not exist");
                default:
                    throw new InvalidOperationException($"unexpected reply {reply.GetType().Name} to a request reservation");
            }
        }
    }

    public async Task HoldAsync(string account, DateTime until, string reason, CancellationToken cancellationToken) =>
        (await region(cancellationToken)).Tell(new HoldRequests(account, until, reason));

    public async Task ReportAuthenticationFailureAsync(string account, string reason, CancellationToken cancellationToken) =>
        await (await region(cancellationToken)).Ask<IAccountReply>(new ReportAuthenticationFailure(account, reason), _askTimeout, cancellationToken);
}
