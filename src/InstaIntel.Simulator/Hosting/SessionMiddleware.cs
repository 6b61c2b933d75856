namespace InstaIntel.Simulator.Hosting;

/// <summary>Resolves the sessionid cookie to an account (and counts the request against its session lifetime).</summary>
internal sealed class SessionMiddleware(RequestDelegate next, SimulatorState state)
{
    public const string SessionCookie = "sessionid";
    public const string CsrfCookie = "csrftoken";
    public const string UserIdCookie = "ds_user_id";

    public Task InvokeAsync(HttpContext context)
    {
        // Media bytes come from a CDN on Instagram: no session, and they do not count against a session's lifetime.
        var path = context.Request.Path;
        if (!ControlPaths.IsControl(path) && !path.StartsWithSegments("/media", StringComparison.Ordinal)
            && state.Sessions.Resolve(context.Request.Cookies[SessionCookie]) is { } session)
        {
            var request = context.Simulator();
            request.Session = session;
            request.Viewer = state.Network.Profile(session.ProfileIndex);
        }
        return next(context);
    }
}
