using Akka.Actor;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Domain.Accounts;
using InstaIntel.Storage.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.ControlApi;

/// <summary><c>/api/accounts</c>: create, show, list, pause and resume managed accounts.</summary>
public static class AccountsEndpoints
{
    public const int MaxPageSize = 500;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    public static void MapAccounts(this WebApplication app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts");
        accounts.MapPost("/", Create);
        accounts.MapGet("/", List);
        accounts.MapGet("/{username}", Show);
        accounts.MapPost("/{username}/pause", Pause);
        accounts.MapPost("/{username}/resume", Resume);
        accounts.MapPost("/{username}/run", RunNow);
        accounts.MapPost("/{username}/continuous-processing/enable", (string username, IRequiredActor<AccountRegion> region, CancellationToken ct) =>
            Command(username, name => new SetContinuousProcessing(name, true), region, ct));
        accounts.MapPost("/{username}/continuous-processing/disable", (string username, IRequiredActor<AccountRegion> region, CancellationToken ct) =>
            Command(username, name => new SetContinuousProcessing(name, false), region, ct));
    }

    private static async Task<Results<Created<AccountResponse>, ProblemHttpResult>> Create(
        CreateAccountRequest? request, IRequiredActor<AccountRegion> region, CancellationToken cancellationToken)
    {
        if (request is null)
            return Problem(StatusCodes.Status400BadRequest, "Request body is required", "Send {\"username\": \"...\"}.");
        if (!AccountUsername.TryNormalize(request.Username, out var username, out var problem))
            return Problem(StatusCodes.Status400BadRequest, "Invalid username", problem);
        var reply = await Send(region, new CreateAccount(username, request.ContinuousProcessingEnabled ?? true), cancellationToken);
        return reply switch
        {
            AccountView view => TypedResults.Created($"/api/accounts/{view.Username}", AccountResponse.From(view)),
            AccountAlreadyExists => Problem(StatusCodes.Status409Conflict, "Account already exists", $"An account named '{username}' is already managed."),
            _ => Unexpected(reply),
        };
    }

    private static async Task<Results<Ok<AccountPage>, ProblemHttpResult>> List(
        AccountRepository repository, int? offset, int? limit, CancellationToken cancellationToken)
    {
        var from = offset ?? 0;
        var take = limit ?? 100;
        if (from < 0)
            return Problem(StatusCodes.Status400BadRequest, "Invalid offset", "offset must be 0 or more.");
        if (take is < 1 or > MaxPageSize)
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit", $"limit must be between 1 and {MaxPageSize}.");
        var rows = await repository.ListAsync(from, take, cancellationToken);
        return TypedResults.Ok(new AccountPage(rows.Select(AccountSummary.From).ToList(), from, take));
    }

    private static Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Show(
        string username, IRequiredActor<AccountRegion> region, CancellationToken cancellationToken) =>
        Command(username, name => new GetAccount(name), region, cancellationToken);

    private static Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Pause(
        string username, PauseAccountRequest? request, IRequiredActor<AccountRegion> region, CancellationToken cancellationToken) =>
        Command(username, name => new PauseAccount(name, request?.Reason), region, cancellationToken);

    private static Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Resume(
        string username, IRequiredActor<AccountRegion> region, CancellationToken cancellationToken) =>
        Command(username, name => new ResumeAccount(name), region, cancellationToken);

    /// <summary>"Run now": 202 with the run's id and phase, or 409 with the coordinator's reason (already running, backoff, ...).</summary>
    private static async Task<Results<Accepted<RunAcceptedResponse>, ProblemHttpResult>> RunNow(
        string username, string? trigger, IRequiredActor<AccountRegion> region, CancellationToken cancellationToken)
    {
        if (!AccountUsername.TryNormalize(username, out var name, out var problem))
            return Problem(StatusCodes.Status400BadRequest, "Invalid username", problem);
        var source = trigger is "cli" ? "cli" : "api";
        var reply = await Send(region, new RunNow(name, source), cancellationToken);
        return reply switch
        {
            RunAccepted run => TypedResults.Accepted($"/api/accounts/{name}", new RunAcceptedResponse(run.RunId, Domain.Common.SeedString.Of(run.Phase))),
            RunNotStarted skip => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Run not started", detail: skip.Detail,
                extensions: new Dictionary<string, object?> { ["reason"] = Domain.Common.SeedString.Of(skip.Reason) }),
            AccountNotFound => Problem(StatusCodes.Status404NotFound, "Account not found", $"No account named '{name}' is managed."),
            _ => Unexpected(reply),
        };
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Command(
        string rawUsername, Func<string, IAccountCommand> command, IRequiredActor<AccountRegion> region, CancellationToken cancellationToken)
    {
        if (!AccountUsername.TryNormalize(rawUsername, out var username, out var problem))
            return Problem(StatusCodes.Status400BadRequest, "Invalid username", problem);
        var reply = await Send(region, command(username), cancellationToken);
        return reply switch
        {
            AccountView view => TypedResults.Ok(AccountResponse.From(view)),
            AccountNotFound => Problem(StatusCodes.Status404NotFound, "Account not found", $"No account named '{username}' is managed."),
            _ => Unexpected(reply),
        };
    }

    // Ask belongs at the edge: HTTP waits for the entity's answer.
    private static async Task<IAccountReply> Send(IRequiredActor<AccountRegion> region, IAccountCommand command, CancellationToken cancellationToken)
    {
        var shard = await region.GetAsync(cancellationToken);
        return await shard.Ask<IAccountReply>(command, AskTimeout, cancellationToken);
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    private static ProblemHttpResult Unexpected(IAccountReply reply) =>
        Problem(StatusCodes.Status500InternalServerError, "Unexpected reply", reply.GetType().Name);
}
