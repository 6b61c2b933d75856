using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Hosting;

namespace InstaIntel.Simulator.Faults;

/// <summary>
/// Applies the faults a request asks for in the X-Simulator-Fault header and those configured rules assign to it:
/// delays first, then an error response instead of the real one, or the real response cut short.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, SimulatorState state)
{
    public const string Header = "X-Simulator-Fault";

    public async Task InvokeAsync(HttpContext context)
    {
        if (ControlPaths.IsControl(context.Request.Path))
        {
            await next(context);
            return;
        }
        var request = context.Simulator();
        var fromHeader = (IReadOnlyList<FaultSpec>)[];
        if (state.Options.Faults.AllowHeader && context.Request.Headers[Header].ToString() is { Length: > 0 } header)
        {
            try
            {
                fromHeader = FaultSpec.ParseList(header);
            }
            catch (FormatException e)
            {
                await ApiErrors.BadRequest($"bad {Header} header: {e.Message}").ExecuteAsync(context);
                return;
            }
        }
        var fromRules = state.Faults.Match(context.Request.Method, context.Request.Path.Value ?? "/", request.Session?.Username);
        var faults = Combine(fromHeader, fromRules);
        if (faults.Count == 0)
        {
            await next(context);
            return;
        }
        request.Fault = string.Join(',', faults);

        var delay = faults.Where(f => f.Kind == FaultKind.Slow).Sum(f => f.DelayMilliseconds);
        if (delay > 0)
            await Task.Delay(delay, context.RequestAborted); // wall-clock latency, not simulator time

        if (faults.FirstOrDefault(f => f.IsTerminal) is { } terminal)
        {
            if (terminal.Kind == FaultKind.LoginRequired && IsHtmlPage(context.Request.Path))
                context.Response.Redirect($"/accounts/login/?next={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
            else
                await ApiErrors.ForFault(terminal, context, request.Viewer?.IdText).ExecuteAsync(context);
            return;
        }

        if (faults.FirstOrDefault(f => f.Kind == FaultKind.Truncated) is { } truncated)
            await ServeTruncated(context, truncated.KeepFraction);
        else
            await next(context);
    }

    // A header fault replaces a rule's error response; delays and truncation from both apply.
    private static IReadOnlyList<FaultSpec> Combine(IReadOnlyList<FaultSpec> fromHeader, IReadOnlyList<FaultSpec> fromRules)
    {
        if (fromRules.Count == 0)
            return fromHeader;
        var headerHasError = fromHeader.Any(f => f.IsTerminal);
        return [.. fromHeader, .. fromRules.Where(f => !(f.IsTerminal && headerHasError))];
    }

    private async Task ServeTruncated(HttpContext context, double keep)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var length = (int)(buffer.Length * keep);
        context.Response.ContentLength = length;
        await original.WriteAsync(buffer.GetBuffer().AsMemory(0, length), context.RequestAborted);
    }

    public static bool IsHtmlPage(PathString path) =>
        !path.StartsWithSegments("/api", StringComparison.Ordinal)
        && !path.StartsWithSegments("/graphql", StringComparison.Ordinal)
        && !path.StartsWithSegments("/media", StringComparison.Ordinal);
}
