using System.Net;
using System.Text;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Shapes;

namespace InstaIntel.Simulator.Api;

/// <summary>The few HTML pages a browser session visits: home, a profile, the checkpoint page. Without a session
/// they redirect to the login page, as Instagram does.</summary>
internal static class PageEndpoints
{
    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapGet("/", (HttpContext http, SimulatorState state) =>
        {
            if (http.Simulator().Viewer is not { } viewer)
                return Results.Redirect("/accounts/login/");
            return Page("Instagram", $"<h1>Home</h1><p id=\"viewer\">Logged in as <a href=\"/{Encode(viewer.Username)}/\">@{Encode(viewer.Username)}</a></p>");
        });

        app.MapGet("/challenge/{**rest}", () =>
            Page("Confirm it's you", "<h1>Help us confirm it's you</h1><p>We detected an unusual login attempt.</p>"));

        app.MapGet("/{username:regex(^[A-Za-z0-9._]+$)}/", (HttpContext http, SimulatorState state, string username) =>
        {
            if (http.Simulator().Viewer is null)
                return Results.Redirect($"/accounts/login/?next={Uri.EscapeDataString($"/{username}/")}");
            var context = ShapeContext.For(http, state);
            if (state.Network.TryFind(username) is not { } profile)
                return Page("Page not found", "<h2>Sorry, this page isn't available.</h2>", StatusCodes.Status404NotFound);
            var body = new StringBuilder()
                .Append($"<header><img alt=\"{Encode(profile.Username)}'s profile picture\" src=\"{context.Urls.ProfilePicture(profile)}\">")
                .Append($"<h2>{Encode(profile.Username)}</h2><h1>{Encode(profile.FullName)}</h1>")
                .Append($"<ul><li><span>{profile.PostCount}</span> posts</li><li><span>{profile.FollowerCount}</span> followers</li><li><span>{profile.FollowingCount}</span> following</li></ul>")
                .Append($"<div class=\"bio\">{Encode(profile.Biography)}</div></header><main>");
            if (context.CanSeeContent(profile))
            {
                foreach (var post in state.Network.PostsOf(profile).Take(GraphUserShapes.ProfileFirstPosts))
                    body.Append($"<a href=\"/p/{post.Shortcode}/\"><img alt=\"{Encode(post.Caption)}\" src=\"{context.Urls.PostImage(post, 320)}\"></a>");
            }
            else
            {
                body.Append("<h2>This account is private</h2>");
            }
            return Page($"{profile.FullName} (@{profile.Username})", body.Append("</main>").ToString());
        });
        return app;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        Results.Content($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head><body>{body}</body></html>",
            "text/html; charset=utf-8", statusCode: status);
}
