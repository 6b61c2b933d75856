using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Profiles;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Profiles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.ControlApi;

/// <summary>The account (and profile) a messaging or action route names, or the problem that says why not: 400 for a malformed name, 404 for an unknown one.</summary>
internal static class ProfileRoute
{
    public sealed record Found(InstagramAccount Account, InstagramProfile? Profile);

    public static async Task<(Found? Found, ProblemHttpResult? Problem)> ResolveAsync(
        string rawUsername, string? rawProfile, AccountRepository accounts, ProfileRepository profiles, CancellationToken cancellationToken)
    {
        if (!AccountUsername.TryNormalize(rawUsername, out var username, out var problem))
            return (null, Problem(StatusCodes.Status400BadRequest, "Invalid username", problem));
        string? profileName = null;
        if (rawProfile is not null && !AccountUsername.TryNormalize(rawProfile, out profileName, out var profileProblem))
            return (null, Problem(StatusCodes.Status400BadRequest, "Invalid profile", profileProblem));
        if (await accounts.FindAsync(username, cancellationToken) is not { } account)
            return (null, Problem(StatusCodes.Status404NotFound, "Account not found", $"No account named '{username}' is managed."));
        if (profileName is null)
            return (new Found(account, null), null);
        if (await profiles.FindAsync(account.Id, profileName, cancellationToken) is not { } profile)
            return (null, Problem(StatusCodes.Status404NotFound, "Profile not found", $"'{username}' has no profile '{profileName}' (profiles come from its follow graph, inbox, tray and feed)."));
        return (new Found(account, profile), null);
    }

    /// <summary><c>cli</c> when the CLI says so (header <c>X-Trigger-Source</c> or query <c>trigger</c>), else <c>api</c>.</summary>
    public static string TriggerOf(HttpContext http)
    {
        var said = http.Request.Headers["X-Trigger-Source"].FirstOrDefault() ?? http.Request.Query["trigger"].FirstOrDefault();
        return string.Equals(said, "cli", StringComparison.OrdinalIgnoreCase) ? "cli" : "api";
    }

    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
}
