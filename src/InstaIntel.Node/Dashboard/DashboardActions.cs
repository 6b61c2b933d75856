using Akka.Actor;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Sessions;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Common;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Node.Failures;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Node.Dashboard;

/// <summary>The outcome of a dashboard button, shown to the operator on the next page.</summary>
public sealed record ActionOutcome(bool Ok, string Message);

/// <summary>
/// The dashboard's buttons: the same commands the control API sends to the account entity (run now, pause,
/// resume, import a session) and the admin API's failure retry, with the answer turned into one line for the operator.
/// </summary>
public sealed class DashboardActions(IRequiredActor<AccountRegion> region, SessionImporter importer, FailureRepository failures, FailureRetrier retrier)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    public async Task<ActionOutcome> RunNowAsync(string username, CancellationToken cancellationToken) =>
        await SendAsync(username, name => new RunNow(name, "api"), cancellationToken) switch
        {
            RunAccepted run => new(true, $"Run started: {SeedString.Of(run.Phase)} ({run.RunId})."),
            RunNotStarted skip => new(false, $"Run not started ({SeedString.Of(skip.Reason)}): {skip.Detail}"),
            var other => Describe(username, other),
        };

    public async Task<ActionOutcome> PauseAsync(string username, CancellationToken cancellationToken) =>
        Describe(username, await SendAsync(username, name => new PauseAccount(name, "paused from the dashboard"), cancellationToken));

    public async Task<ActionOutcome> ResumeAsync(string username, CancellationToken cancellationToken) =>
        Describe(username, await SendAsync(username, name => new ResumeAccount(name), cancellationToken));

    public async Task<AccountView?> ViewAsync(string username, CancellationToken cancellationToken) =>
        await SendAsync(username, name => new GetAccount(name), cancellationToken) as AccountView;

    /// <summary>Checks the pasted cookie export against Instagram and stores it, as <c>POST .../session</c> does.</summary>
    public async Task<ActionOutcome> ImportSessionAsync(string username, string? export, CancellationToken cancellationToken)
    {
        if (!AccountUsername.TryNormalize(username, out var name, out var problem))
            return new(false, problem);
        if (string.IsNullOrWhiteSpace(export))
            return new(false, "Paste a cookie export (JSON) to import a session.");
        SessionBundle bundle;
        try
        {
            bundle = SessionExchange.Import(export, null);
        }
        catch (SessionFormatException format)
        {
            return new(false, $"Not a usable session export: {format.Message}");
        }
        try
        {
            var result = await importer.ImportAsync(name, bundle, cancellationToken);
            return result.State switch
            {
                SessionState.Valid => new(true, $"Session imported: logged in as {result.User!.Username}."),
                SessionState.ChallengeRequired => new(false, "Instagram wants a challenge solved; the session was not stored."),
                _ => new(false, "Instagram answered login_required for these cookies; the session was not stored."),
            };
        }
        catch (InstagramException unanswered)
        {
            return new(false, $"Instagram could not check the session ({unanswered.Kind}); nothing was changed. Try again later.");
        }
    }

    /// <summary>Re-issues a failure's work as <c>POST /api/admin/failures/{id}/retry</c> does (same retrier, same trigger).</summary>
    public async Task<ActionOutcome> RetryFailureAsync(long failureId, CancellationToken cancellationToken)
    {
        if (await failures.GetAsync(failureId, cancellationToken) is not { } failure)
            return new(false, $"No failure with id {failureId}.");
        RetryResult result;
        try
        {
            result = await retrier.RetryAsync(failure, FailureRetrier.ManualTrigger, DateTime.UtcNow, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return new(false, $"Failure {failureId}: the account did not answer within {FailureRetrier.AskTimeout.TotalSeconds:0} s; nothing is known to have started.");
        }
        return result.Verdict switch
        {
            RetryVerdict.Accepted => new(true, $"Failure {failureId} retried: {result.Detail}."),
            RetryVerdict.NotStarted => new(false, $"Failure {failureId}: run not started ({result.Outcome}): {result.Detail}"),
            _ => new(false, $"Failure {failureId} not retried ({result.Outcome}): {result.Detail}"),
        };
    }

    private async Task<IAccountReply?> SendAsync(string username, Func<string, IAccountCommand> command, CancellationToken cancellationToken)
    {
        if (!AccountUsername.TryNormalize(username, out var name, out _))
            return null;
        var shard = await region.GetAsync(cancellationToken);
        return await shard.Ask<IAccountReply>(command(name), AskTimeout, cancellationToken);
    }

    private static ActionOutcome Describe(string username, IAccountReply? reply) => reply switch
    {
        AccountView view => new(true, $"{view.Username}: {SeedString.Of(view.State)}{(view.PausedReason is { } r ? $" ({r})" : "")}."),
        AccountNotFound => new(false, $"No account named '{username}' is managed."),
        null => new(false, $"'{username}' is not a valid username."),
        var other => new(false, $"Unexpected answer: {other.GetType().Name}."),
    };
}
