using System.Text.Json.Nodes;
using Akka.Actor;
using InstaIntel.Actors.Operations;
using InstaIntel.Domain.Operations;
using Microsoft.AspNetCore.Diagnostics;

namespace InstaIntel.Node.ControlApi;

/// <summary>
/// Turns exceptions into RFC 7807 problem details: malformed requests keep their 4xx status, a busy cluster
/// is a 503, and anything else a 500 that shows no internals (and is recorded as a failure of an HTTP-triggered action).
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, IFailureRecorder failures, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", Describe(bad)),
            AskTimeoutException => (StatusCodes.Status503ServiceUnavailable, "The account did not answer in time", "The cluster is busy or rebalancing; try again."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "An unexpected error occurred; it has been logged."),
        };
        if (status >= 500)
            log.LogError(exception, "Request {Method} {Path} failed", context.Request.Method, context.Request.Path);
        if (status == StatusCodes.Status500InternalServerError)
            await RecordAsync(context, exception, cancellationToken);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>The failed request as a failure row: queue = method and route pattern, correlation = the trace id. Never retryable (the caller repeats it).</summary>
    private async Task RecordAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
        var report = new FailureReport("http", $"{context.Request.Method} {route}", context.TraceIdentifier, exception.GetType().Name, exception.Message,
            exception.StackTrace, DateTime.UtcNow, Reissuable: false,
            Metadata: new JsonObject { ["method"] = context.Request.Method, ["path"] = context.Request.Path.Value, ["status"] = 500 });
        try
        {
            await failures.RecordAsync(report, cancellationToken);
        }
        catch (Exception ex)
        {
            // The answer goes out regardless: a database that is down must not turn a 500 into a hang or a crash.
            log.LogWarning(ex, "Recording the failure of {Method} {Path} failed", context.Request.Method, context.Request.Path);
        }
    }

    // The framework's messages for bad bodies are safe to show; inner JSON errors say where the body broke.
    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
}
