using Akka.Actor;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Operations;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Node.Failures;

/// <summary>What one retry did: the work was re-issued (a run started), the entity declined it now, or it was refused.</summary>
public enum RetryVerdict
{
    /// <summary>The entity started a run.</summary>
    Accepted,
    /// <summary>The entity did not start a run now (in flight, backoff, paused): counted as an attempt.</summary>
    NotStarted,
    /// <summary>Never re-issued: an authentication failure, a failure that is not retryable, or no entity to send it to.</summary>
    Refused,
}

public sealed record RetryResult(long FailureId, RetryVerdict Verdict, string Outcome, string Detail, string? Account = null, Guid? RunId = null);

/// <summary>
/// Re-issues a failure's work to its entity: the account's "run now" through the shard region (the entity itself
/// refuses a second run beside one in flight, and honours its backoff). Authentication failures are never retried;
/// the account needs a new session first.
/// </summary>
public sealed class FailureRetrier(FailureRepository failures, IRequiredActor<AccountRegion> region)
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The run trigger of a retry an operator asked for (admin API, CLI, dashboard); the sweep's is <see cref="FailureRetrySweep.Trigger"/>.</summary>
    public const string ManualTrigger = "failure_retry_manual";

    public static RetryResult? Refusal(BackgroundJobFailure failure)
    {
        if (failure.FailureKind == FailureKind.Authentication)
            return new RetryResult(failure.Id, RetryVerdict.Refused, "refused: authentication",
                "Authentication failures are never retried: import a new session for the account; its automation resumes by itself.");
        if (!failure.Retryable)
            return new RetryResult(failure.Id, RetryVerdict.Refused, "refused: not_retryable",
                $"A {SeedString.Of(failure.FailureKind)} {failure.ErrorClass} would fail the same way again (or the work cannot be re-issued, e.g. an HTTP request).");
        if (AccountOf(failure) is null)
            return new RetryResult(failure.Id, RetryVerdict.Refused, "refused: no_entity", "The failure names no account to send the work to.");
        return null;
    }

    /// <summary>Retries one failure and counts the attempt in its metadata (refusals are not attempts).</summary>
    public async Task<RetryResult> RetryAsync(BackgroundJobFailure failure, string trigger, DateTime at, CancellationToken cancellationToken)
    {
        if (Refusal(failure) is { } refused) return refused;
        var account = AccountOf(failure)!;
        var shard = await region.GetAsync(cancellationToken);
        var reply = await shard.Ask<IAccountReply>(new RunNow(account, trigger), AskTimeout, cancellationToken);
        var result = reply switch
        {
            RunAccepted run => new RetryResult(failure.Id, RetryVerdict.Accepted, "accepted", $"run {run.RunId} of {account} started with phase {SeedString.Of(run.Phase)}", account, run.RunId),
            RunNotStarted skip => new RetryResult(failure.Id, RetryVerdict.NotStarted, $"not_started: {SeedString.Of(skip.Reason)}", skip.Detail, account),
            AccountNotFound => new RetryResult(failure.Id, RetryVerdict.NotStarted, "not_started: account_not_found", $"No account named '{account}' is managed any more.", account),
            _ => new RetryResult(failure.Id, RetryVerdict.NotStarted, "not_started: unexpected_reply", reply.GetType().Name, account),
        };
        await failures.RecordRetryAttemptAsync(failure.Id, at, result.Outcome, cancellationToken);
        return result;
    }

    private static string? AccountOf(BackgroundJobFailure failure) =>
        failure.Metadata?["account"]?.GetValue<string>() is { Length: > 0 } account ? account : null;
}
