using InstaIntel.Simulator.Hosting;

namespace InstaIntel.Simulator.Api;

/// <summary>
/// What Instagram asks of every web JSON request: a live session (else login_required), the web app id in
/// X-IG-App-ID (else "useragent mismatch") and, on POSTs, X-CSRFToken equal to the csrftoken cookie.
/// </summary>
internal sealed class WebRequestFilter(SimulatorState state) : IEndpointFilter
{
    public const string AppIdHeader = "X-IG-App-ID";
    public const string CsrfHeader = "X-CSRFToken";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (context.Simulator().Viewer is null)
            return ApiErrors.LoginRequired();
        if (state.Options.RequireWebHeaders)
        {
            if (context.Request.Headers[AppIdHeader].ToString() != state.Options.AppId)
                return ApiErrors.UserAgentMismatch();
            if (HttpMethods.IsPost(context.Request.Method) && !CsrfMatches(context, context.Request.Headers[CsrfHeader].ToString()))
                return ApiErrors.CsrfFailed();
        }
        return await next(invocation);
    }

    public static bool CsrfMatches(HttpContext context, string? token) =>
        !string.IsNullOrEmpty(token) && context.Request.Cookies[SessionMiddleware.CsrfCookie] is { Length: > 0 } cookie && cookie == token;
}
