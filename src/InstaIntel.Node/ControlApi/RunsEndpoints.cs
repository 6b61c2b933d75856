using System.Text.Json.Nodes;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Common;
using InstaIntel.Storage.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.ControlApi;

/// <summary><c>GET /api/accounts/{username}/runs</c>: the account's recent <c>sync_runs</c>, newest first (the progress of "run now").</summary>
public static class RunsEndpoints
{
    public static void MapRuns(this WebApplication app) =>
        app.MapGet("/api/accounts/{username}/runs", List).WithTags("Accounts");

    private static async Task<Results<Ok<IReadOnlyList<RunResponse>>, ProblemHttpResult>> List(
        string username, int? limit, SyncRunRepository runs, CancellationToken cancellationToken)
    {
        if (!AccountUsername.TryNormalize(username, out var name, out var problem))
            return TypedResults.Problem(statusCode: 400, title: "Invalid username", detail: problem);
        if (limit is < 1 or > 500)
            return TypedResults.Problem(statusCode: 400, title: "Invalid limit", detail: "limit must be between 1 and 500.");
        var rows = await runs.ListAsync(name, limit ?? 50, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RunResponse>>(rows.Select(r => new RunResponse(
            r.Id, SeedString.Of(r.Kind), SeedString.Of(r.Status), r.StartedAt, r.FinishedAt, r.ErrorMessage, r.StatsJson)).ToList());
    }
}

/// <summary>One <c>sync_runs</c> row as the control API shows it.</summary>
public sealed record RunResponse(long Id, string Kind, string Status, DateTime? StartedAt, DateTime? FinishedAt, string? Error, JsonObject? Stats);
