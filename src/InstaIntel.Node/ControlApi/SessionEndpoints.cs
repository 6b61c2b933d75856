using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Sessions;
using InstaIntel.Domain.Accounts;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Node.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.ControlApi;

/// <summary>
/// <c>/api/accounts/{username}/session</c>: import a cookie export (checked against Instagram before it is stored)
/// and export the stored session. The cookie value appears in no response but the explicit export.
/// </summary>
public static class SessionEndpoints
{
    public static void MapSessions(this WebApplication app)
    {
        var sessions = app.MapGroup("/api/accounts/{username}/session").WithTags("Sessions");
        sessions.MapPost("/", Import).Accepts<object>("application/json");
        sessions.MapGet("/export", Export).RequireApiKey();
    }

    private static async Task<Results<Ok<SessionImportResponse>, ProblemHttpResult>> Import(
        string username, HttpRequest request, string? userAgent, SessionImporter importer, IRequiredActor<AccountRegion> region,
        CancellationToken cancellationToken)
    {
        if (!AccountUsername.TryNormalize(username, out var name, out var problem))
            return Problem(StatusCodes.Status400BadRequest, "Invalid username", problem);
        if (!request.HasJsonContentType())
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send the session as JSON",
                "The body is a cookie export (an array of cookies, or a Playwright storage state) with Content-Type application/json.");
        if (await AccountExists(region, name, cancellationToken) is false)
            return Problem(StatusCodes.Status404NotFound, "Account not found", $"No account named '{name}' is managed.");

        string body;
        using (var reader = new StreamReader(request.Body))
            body = await reader.ReadToEndAsync(cancellationToken);
        SessionBundle bundle;
        try
        {
            bundle = SessionExchange.Import(body, userAgent);
        }
        catch (SessionFormatException format)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not a usable session export", format.Message);
        }

        SessionImportResult result;
        try
        {
            result = await importer.ImportAsync(name, bundle, cancellationToken);
        }
        catch (InstagramException unanswered)
        {
            // Instagram could not say whether the session works (rate limit, outage): nothing was stored or changed.
            return Problem(StatusCodes.Status503ServiceUnavailable, "Instagram could not check the session",
                $"{unanswered.Kind}: try again later.");
        }
        return result.State switch
        {
            SessionState.Valid => TypedResults.Ok(new SessionImportResponse(name, result.Account?.LoginState ?? LoginState.Authenticated,
                result.User!.Id, result.User.Username)),
            SessionState.ChallengeRequired => Problem(StatusCodes.Status422UnprocessableEntity, "Instagram wants a challenge solved",
                $"The session is held at a checkpoint{(result.ChallengeUrl is null ? "" : $" ({result.ChallengeUrl})")}; it was not stored."),
            _ => Problem(StatusCodes.Status422UnprocessableEntity, "The session is not logged in",
                "Instagram answered login_required for these cookies; the session was not stored and the account needs a new one."),
        };
    }

    private static async Task<IResult> Export(
        string username, AccountSessionStore sessions, IRequiredActor<AccountRegion> region, CancellationToken cancellationToken)
    {
        if (!AccountUsername.TryNormalize(username, out var name, out var problem))
            return Problem(StatusCodes.Status400BadRequest, "Invalid username", problem);
        if (await AccountExists(region, name, cancellationToken) is false)
            return Problem(StatusCodes.Status404NotFound, "Account not found", $"No account named '{name}' is managed.");
        var bundle = await sessions.LoadAsync(name, cancellationToken);
        if (bundle is null)
            return Problem(StatusCodes.Status404NotFound, "No session stored", $"Account '{name}' has no session; import one first.");
        return TypedResults.Text(SessionExchange.Export(bundle), "application/json");
    }

    private static async Task<bool> AccountExists(IRequiredActor<AccountRegion> region, string name, CancellationToken cancellationToken)
    {
        var shard = await region.GetAsync(cancellationToken);
        return await Akka.Actor.Futures.Ask<IAccountReply>(shard, new GetAccount(name), TimeSpan.FromSeconds(15), cancellationToken) is AccountView;
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

/// <summary>Answer of a successful session import: who the session belongs to. Never the cookies.</summary>
public sealed record SessionImportResponse(string Username, LoginState LoginState, string InstagramUserId, string InstagramUsername);
