using InstaIntel.Domain.Common;
using InstaIntel.Domain.Operations;
using InstaIntel.Storage.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.Admin;

/// <summary><c>/api/admin/issues</c>: deduplicated problems (failures, queue and AI health): list, show, resolve.</summary>
public static class IssuesEndpoints
{
    public static void MapIssuesAdmin(this RouteGroupBuilder admin)
    {
        var issues = admin.MapGroup("/issues").WithTags("Admin: issues");
        issues.MapGet("/", List);
        issues.MapGet("/{id}", Show);
        issues.MapPost("/{id}/resolve", Resolve);
    }

    /// <param name="status"><c>open</c>, <c>pending</c> or <c>resolved</c>.</param>
    /// <param name="severity"><c>info</c>, <c>warn</c>, <c>error</c> or <c>critical</c>.</param>
    /// <param name="limit">1 to 500, default 100; most recently seen first.</param>
    private static async Task<Results<Ok<IssueListView>, ProblemHttpResult>> List(
        IssueRepository issues, string? status, string? severity, string? type, string? source, int? limit, CancellationToken cancellationToken)
    {
        IssueStatus? parsedStatus = null;
        IssueSeverity? parsedSeverity = null;
        if (status is not null)
        {
            if (!SeedString.TryParse<IssueStatus>(status.Trim(), out var s))
                return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Invalid status", $"status must be open, pending or resolved, not '{status}'.");
            parsedStatus = s;
        }
        if (severity is not null)
        {
            if (!SeedString.TryParse<IssueSeverity>(severity.Trim(), out var s))
                return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Invalid severity", $"severity must be info, warn, error or critical, not '{severity}'.");
            parsedSeverity = s;
        }
        if (limit is < 1 or > 500)
            return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Invalid limit", "limit must be between 1 and 500.");
        var rows = await issues.ListAsync(new IssueFilter(parsedStatus, parsedSeverity, type?.Trim(), source?.Trim(), limit ?? 100), cancellationToken);
        return TypedResults.Ok(new IssueListView(rows.Select(IssueView.From).ToList()));
    }

    private static async Task<Results<Ok<IssueView>, ProblemHttpResult>> Show(IssueRepository issues, long id, CancellationToken cancellationToken) =>
        await issues.GetAsync(id, cancellationToken) is { } row ? TypedResults.Ok(IssueView.From(row)) : NotFound(id);

    /// <summary>Marks the issue resolved with optional notes; a later occurrence re-opens it.</summary>
    private static async Task<Results<Ok<IssueView>, ProblemHttpResult>> Resolve(
        IssueRepository issues, long id, ResolveIssueRequest? request, CancellationToken cancellationToken)
    {
        var notes = request?.Notes?.Trim();
        if (notes is { Length: > 2000 })
            return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Notes too long", "notes must be at most 2000 characters.");
        return await issues.ResolveAsync(id, string.IsNullOrEmpty(notes) ? null : notes, DateTime.UtcNow, cancellationToken) is { } row
            ? TypedResults.Ok(IssueView.From(row))
            : NotFound(id);
    }

    private static ProblemHttpResult NotFound(long id) =>
        AdminRoutes.Problem(StatusCodes.Status404NotFound, "Issue not found", $"No issue with id {id}.");
}
