using System.Text.Json.Nodes;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Recording;

namespace InstaIntel.Simulator.Accounts;

/// <summary>The login page, the login endpoint (ajax and plain form) and logout. Cookies as Instagram sets them:
/// sessionid (HttpOnly), csrftoken, ds_user_id.</summary>
internal static class LoginEndpoints
{
    private const string PasswordPrefix = "#PWD_INSTAGRAM_BROWSER:";

    public static WebApplication MapLogin(this WebApplication app)
    {
        app.MapGet("/accounts/login/", (HttpContext http, SimulatorState state, string? next, string? error) =>
        {
            if (http.Simulator().Viewer is not null)
                return Results.Redirect(next ?? "/");
            var csrf = http.Request.Cookies[SessionMiddleware.CsrfCookie];
            if (string.IsNullOrEmpty(csrf))
            {
                csrf = SessionStore.RandomToken(32);
                http.Response.Cookies.Append(SessionMiddleware.CsrfCookie, csrf, CookieOptions(httpOnly: false, TimeSpan.FromDays(365)));
            }
            return Results.Content(LoginPage.Html(csrf, state.Options.AppId, next, error), "text/html; charset=utf-8");
        });
        app.MapPost("/api/v1/web/accounts/login/ajax/", Login);
        app.MapPost("/accounts/login/ajax/", Login);
        app.MapPost("/api/v1/web/accounts/logout/ajax/", Logout).AddEndpointFilter<WebRequestFilter>();
        return app;
    }

    private static async Task<IResult> Login(HttpContext http, SimulatorState state)
    {
        var form = await FormValues.ReadAsync(http);
        if (form is null)
            return ApiErrors.BadRequest("expected a form body");
        var ajax = http.Request.Headers.XRequestedWith == "XMLHttpRequest";
        // The CSRF token comes from the login page's cookie: in the header (ajax) or the form (plain post).
        if (!WebRequestFilter.CsrfMatches(http, http.Request.Headers[WebRequestFilter.CsrfHeader].ToString())
            && !WebRequestFilter.CsrfMatches(http, form.Text("csrfmiddlewaretoken")))
            return ApiErrors.CsrfFailed();

        var username = form.Text("username")?.Trim() ?? "";
        if (Password(form) is not { } password)
            return ApiErrors.BadRequest("enc_password must be #PWD_INSTAGRAM_BROWSER:0:<unix time>:<password> (version 0, plain)");
        var next = form.Text("next") is { } n && n.StartsWith('/') ? n : "/";

        var credentials = state.Credentials;
        var outcome = credentials.PasswordOf(username) is null ? LoginOutcome.UnknownUser
            : !credentials.Matches(username, password) ? LoginOutcome.WrongPassword
            : credentials.CheckpointOnLogin(username) ? LoginOutcome.CheckpointRequired
            : LoginOutcome.Authenticated;
        state.Interactions.RecordLogin(new LoginAttempt(state.Clock.GetUtcNow(), username, outcome));
        var request = http.Simulator();
        request.Record("login", ("username", username), ("outcome", outcome.ToString()));

        var profile = state.Network.TryFind(username);
        switch (outcome)
        {
            case LoginOutcome.Authenticated:
                var session = state.Sessions.Create(profile!);
                request.Session = session;
                var year = TimeSpan.FromDays(365);
                http.Response.Cookies.Append(SessionMiddleware.SessionCookie, session.Token, CookieOptions(httpOnly: true, year));
                http.Response.Cookies.Append(SessionMiddleware.CsrfCookie, session.CsrfToken, CookieOptions(httpOnly: false, year));
                http.Response.Cookies.Append(SessionMiddleware.UserIdCookie, profile!.IdText, CookieOptions(httpOnly: false, TimeSpan.FromDays(90)));
                return ajax
                    ? Json.Ok(new JsonObject { ["authenticated"] = true, ["user"] = true, ["userId"] = profile.IdText, ["oneTapPrompt"] = false, ["status"] = "ok" })
                    : Results.Redirect(next);
            case LoginOutcome.CheckpointRequired:
                return ajax ? ApiErrors.CheckpointRequired(profile!.IdText) : Results.Redirect($"/challenge/{profile!.IdText}/AbCdEf/");
            default:
                return ajax
                    ? Json.Ok(new JsonObject { ["authenticated"] = false, ["user"] = outcome != LoginOutcome.UnknownUser, ["status"] = "ok" })
                    : Results.Redirect($"/accounts/login/?error={(outcome == LoginOutcome.UnknownUser ? "user" : "password")}");
        }
    }

    private static string? Password(IFormCollection form)
    {
        if (form.Text("enc_password") is not { } encoded)
            return form.Text("password") ?? "";
        if (!encoded.StartsWith(PasswordPrefix, StringComparison.Ordinal))
            return null;
        var parts = encoded[PasswordPrefix.Length..].Split(':', 3);
        return parts.Length == 3 && parts[0] == "0" ? parts[2] : null;
    }

    private static IResult Logout(HttpContext http, SimulatorState state)
    {
        var session = http.Simulator().Session!;
        state.Sessions.End(session.Token);
        http.Response.Cookies.Delete(SessionMiddleware.SessionCookie);
        http.Response.Cookies.Delete(SessionMiddleware.UserIdCookie);
        http.Simulator().Record("logout", ("username", session.Username));
        return Json.Ok(Json.Status());
    }

    private static CookieOptions CookieOptions(bool httpOnly, TimeSpan maxAge) => new()
    {
        HttpOnly = httpOnly,
        Path = "/",
        SameSite = SameSiteMode.Lax,
        MaxAge = maxAge,
        Secure = false,
    };
}
