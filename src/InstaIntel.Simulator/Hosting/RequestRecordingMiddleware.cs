using InstaIntel.Simulator.Recording;

namespace InstaIntel.Simulator.Hosting;

/// <summary>Outermost: gives each request its <see cref="SimulatorRequest"/> and logs it when it is done.</summary>
internal sealed class RequestRecordingMiddleware(RequestDelegate next, SimulatorState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = new SimulatorRequest();
        context.Features.Set(request);
        if (ControlPaths.IsControl(context.Request.Path))
        {
            await next(context);
            return;
        }
        var started = state.Clock.GetUtcNow();
        try
        {
            await next(context);
        }
        finally
        {
            var pathAndQuery = context.Request.Path.Value + context.Request.QueryString.Value;
            state.Requests.Add(sequence => new RecordedRequest(sequence, started, context.Request.Method, pathAndQuery,
                request.Session?.Username, request.Fault, context.Response.StatusCode, request.Action, request.Payload));
        }
    }
}

/// <summary>The simulator's own control endpoints are neither logged nor faulted.</summary>
internal static class ControlPaths
{
    public const string Prefix = "/__simulator";

    public static bool IsControl(PathString path) => path.StartsWithSegments(Prefix, StringComparison.Ordinal);
}
