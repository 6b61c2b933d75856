using Akka.Actor;
using Microsoft.AspNetCore.Diagnostics;

namespace InstaIntel.Node.ControlApi;

/// <summary>
/// Turns exceptions into RFC 7807 problem details: malformed requests keep their 4xx status, a busy cluster
/// is a 503, and anything else a 500 that shows no internals.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
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
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    // The framework's messages for bad bodies are safe to show; inner JSON errors say where the body broke.
    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
}
