using InstaIntel.Domain.Common;
using InstaIntel.Domain.Operations;
using InstaIntel.Node.Failures;
using InstaIntel.Storage.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.Admin;

/// <summary><c>/api/admin/failures</c>: failed work (list with filters, show), and the manual retry.</summary>
public static class FailuresEndpoints
{
    public static void MapFailuresAdmin(this RouteGroupBuilder admin)
    {
        var failures = admin.MapGroup("/failures").WithTags("Admin: failures");
        failures.MapGet("/", List);
        failures.MapGet("/{id}", Show);
        failures.MapPost("/{id}/retry", Retry);
    }

    /// <param name="kind"><c>authentication</c>, <c>transient</c> or <c>runtime</c>.</param>
    /// <param name="since">Only failures at or after this UTC time.</param>
    /// <param name="limit">1 to 500, default 100; newest first.</param>
    private static async Task<Results<Ok<FailureListView>, ProblemHttpResult>> List(
        FailureRepository failures, string? kind, bool? retryable, string? account, string? queue, DateTime? since, int? limit, CancellationToken cancellationToken)
    {
        FailureKind? parsedKind = null;
        if (kind is not null)
        {
            if (!SeedString.TryParse<FailureKind>(kind.Trim(), out var k))
                return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Invalid kind", $"kind must be authentication, transient or runtime, not '{kind}'.");
            parsedKind = k;
        }
        if (limit is < 1 or > 500)
            return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Invalid limit", "limit must be between 1 and 500.");
        var rows = await failures.ListAsync(new FailureFilter(parsedKind, retryable, account?.Trim(), queue?.Trim(),
            since?.ToUniversalTime(), limit ?? 100), cancellationToken);
        return TypedResults.Ok(new FailureListView(rows.Select(r => FailureView.From(r, detailed: false)).ToList()));
    }

    private static async Task<Results<Ok<FailureView>, ProblemHttpResult>> Show(FailureRepository failures, long id, CancellationToken cancellationToken) =>
        await failures.GetAsync(id, cancellationToken) is { } row
            ? TypedResults.Ok(FailureView.From(row, detailed: true))
            : NotFound(id);

    /// <summary>202 when the entity started a run; 409 with a reason when it was refused (authentication, not retryable) or not started now.</summary>
    private static async Task<Results<Accepted<RetryResultView>, ProblemHttpResult>> Retry(
        FailureRepository failures, FailureRetrier retrier, long id, CancellationToken cancellationToken)
    {
        if (await failures.GetAsync(id, cancellationToken) is not { } row) return NotFound(id);
        var result = await retrier.RetryAsync(row, FailureRetrier.ManualTrigger, DateTime.UtcNow, cancellationToken);
        if (result.Verdict == RetryVerdict.Accepted)
            return TypedResults.Accepted($"/api/admin/failures/{id}", RetryResultView.From(result));
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: result.Verdict == RetryVerdict.Refused ? "Retry refused" : "Run not started",
            detail: result.Detail,
            extensions: new Dictionary<string, object?> { ["outcome"] = result.Outcome, ["failure_id"] = id });
    }

    private static ProblemHttpResult NotFound(long id) =>
        AdminRoutes.Problem(StatusCodes.Status404NotFound, "Failure not found", $"No failure with id {id}.");
}
