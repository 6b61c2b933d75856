using System.Net;
using System.Text.Json.Nodes;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Recording;
using InstaIntel.Simulator.Tests.Support;

namespace InstaIntel.Simulator.Tests.Accounts;

public sealed class LoginTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private Hosting.SimulatorHost Simulator => fixture.Simulator;

    [Fact]
    public async Task The_login_page_is_a_form_with_username_password_and_submit_and_sets_a_csrf_cookie()
    {
        using var client = WebSession.Anonymous(Simulator, webHeaders: false);
        using var response = await client.Http.GetAsync("/accounts/login/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<input name=\"username\"", html);
        Assert.Contains("<input name=\"password\" type=\"password\"", html);
        Assert.Contains("<button type=\"submit\">", html);
        Assert.False(string.IsNullOrEmpty(client.Cookie("csrftoken")));
    }

    [Fact]
    public async Task Login_issues_sessionid_csrftoken_and_ds_user_id_and_the_session_validates()
    {
        using var client = WebSession.Anonymous(Simulator);
        using var response = await client.LoginResponseAsync("demo_user", "demo-password");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.True(body["authenticated"]!.GetValue<bool>());
        Assert.Equal(Simulator.DemoAccount.IdText, body["userId"]!.GetValue<string>());
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        var session = client.RawCookie("sessionid");
        Assert.NotNull(session);
        Assert.True(session.HttpOnly);
        Assert.StartsWith(Simulator.DemoAccount.IdText + "%3A", session.Value); // Instagram's "<id>%3A<random>%3A<n>"
        Assert.DoesNotContain("%25", session.Value);
        Assert.Equal(Simulator.DemoAccount.IdText, client.Cookie("ds_user_id"));
        Assert.False(string.IsNullOrEmpty(client.Cookie("csrftoken")));

        var me = await client.GetJsonAsync("/api/v1/accounts/current_user/?edit=true");
        Assert.Equal("demo_user", me["user"]!["username"]!.GetValue<string>());
        Assert.Equal(Simulator.DemoAccount.Id, me["user"]!["pk"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_wrong_password_is_not_authenticated_and_opens_no_session()
    {
        using var client = WebSession.Anonymous(Simulator);
        using var response = await client.LoginResponseAsync("demo_user", "not-the-password");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body["authenticated"]!.GetValue<bool>());
        Assert.True(body["user"]!.GetValue<bool>());
        Assert.Null(client.Cookie("sessionid"));
        Assert.Contains(Simulator.Logins, l => l.Username == "demo_user" && l.Outcome == LoginOutcome.WrongPassword);
    }

    [Fact]
    public async Task An_unknown_username_answers_user_false()
    {
        using var client = WebSession.Anonymous(Simulator);
        using var response = await client.LoginResponseAsync("nobody_at_all", "x");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.False(body["authenticated"]!.GetValue<bool>());
        Assert.False(body["user"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_checkpoint_account_answers_checkpoint_required()
    {
        using var client = WebSession.Anonymous(Simulator);
        using var response = await client.LoginResponseAsync("checkpoint_user", "checkpoint-password");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("checkpoint_required", body["message"]!.GetValue<string>());
        Assert.StartsWith("/challenge/", body["checkpoint_url"]!.GetValue<string>());
        Assert.Null(client.Cookie("sessionid"));
    }

    [Fact]
    public async Task Generated_profiles_log_in_with_the_documented_password_pattern()
    {
        var someone = Simulator.Network.Usernames[1500];
        using var client = await WebSession.LoginAsync(Simulator, someone, $"sim-{someone}");

        var me = await client.GetJsonAsync("/api/v1/accounts/current_user/");
        Assert.Equal(someone, me["user"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plain_form_post_without_javascript_logs_in_and_redirects()
    {
        using var client = WebSession.Anonymous(Simulator, webHeaders: false);
        await client.Http.GetAsync("/accounts/login/");
        using var response = await client.Http.PostAsync("/api/v1/web/accounts/login/ajax/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["csrfmiddlewaretoken"] = client.Cookie("csrftoken")!,
            ["username"] = "demo_alt",
            ["password"] = "alt-password",
            ["next"] = "/demo_user/",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/demo_user/", response.Headers.Location?.OriginalString);
        Assert.NotNull(client.Cookie("sessionid"));
        using var profilePage = await client.Http.GetAsync("/demo_user/");
        Assert.Contains("Demo User", await profilePage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_login_without_the_csrf_cookie_is_refused()
    {
        using var client = WebSession.Anonymous(Simulator);
        using var response = await client.Http.PostAsync("/api/v1/web/accounts/login/ajax/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "demo_user",
            ["enc_password"] = "#PWD_INSTAGRAM_BROWSER:0:1700000000:demo-password",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(client.Cookie("sessionid"));
    }

    public static TheoryData<string> JsonEndpoints => new()
    {
        "/api/v1/accounts/current_user/?edit=true",
        "/api/v1/users/web_profile_info/?username=demo_user",
        WebSession.GraphQl(QueryHashes.Followers, new { id = "1000000000", first = 10 }),
        WebSession.GraphQl(QueryHashes.ReelsMedia, new { reel_ids = new[] { "1000000000" }, precomposed_overlay = false }),
        "/api/v1/feed/reels_tray/",
        "/api/v1/feed/timeline/?count=5",
        "/api/v1/direct_v2/inbox/?limit=5&visual_message_return_type=unseen",
    };

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task Json_endpoints_without_a_session_answer_login_required(string path)
    {
        using var client = WebSession.Anonymous(Simulator);
        using var response = await client.GetAsync(path);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("login_required", body["message"]!.GetValue<string>());
        Assert.Equal("fail", body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_forged_sessionid_is_no_session()
    {
        using var client = WebSession.Anonymous(Simulator);
        client.Cookies.Add(client.BaseUrl, new Cookie("sessionid", $"{Simulator.DemoAccount.IdText}%3AforgedTokenValue0000000%3A28"));
        using var response = await client.GetAsync("/api/v1/accounts/current_user/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Writes_without_a_session_answer_login_required_and_record_nothing()
    {
        using var client = WebSession.Anonymous(Simulator);
        var post = Simulator.Network.PostsOf("demo_alt")[0];
        using var response = await client.PostFormAsync($"/api/v1/web/likes/{post.MediaId}/like/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(Simulator.Likes, l => l.MediaPk == post.Pk);
    }

    [Fact]
    public async Task Html_pages_without_a_session_redirect_to_the_login_page()
    {
        using var client = WebSession.Anonymous(Simulator, webHeaders: false);
        using var home = await client.Http.GetAsync("/");
        using var profile = await client.Http.GetAsync("/demo_user/");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/accounts/login/", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.StartsWith("/accounts/login/?next=", profile.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Json_requests_without_the_app_id_or_csrf_header_are_refused_like_instagram_does()
    {
        using var client = await WebSession.LoginAsync(Simulator, "demo_alt");
        using var withoutAppId = new HttpRequestMessage(HttpMethod.Get, "/api/v1/accounts/current_user/");
        client.Http.DefaultRequestHeaders.Remove("X-IG-App-ID");
        using var mismatch = await client.Http.SendAsync(withoutAppId);
        client.Http.DefaultRequestHeaders.Add("X-IG-App-ID", WebSession.AppId);
        var post = Simulator.Network.PostsOf("demo_user")[1];
        using var noCsrf = await client.PostFormAsync($"/api/v1/web/likes/{post.MediaId}/like/", withCsrf: false);

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("useragent mismatch", await mismatch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, noCsrf.StatusCode);
        Assert.Contains("CSRF", await noCsrf.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        using var client = await WebSession.LoginAsync(Simulator, Simulator.Network.Usernames[2500], $"sim-{Simulator.Network.Usernames[2500]}");
        var token = client.Cookie("sessionid")!;
        await client.PostJsonAsync("/api/v1/web/accounts/logout/ajax/");
        // Replaying the old cookie proves the server forgot the session, not just the client.
        client.Cookies.Add(client.BaseUrl, new Cookie("sessionid", token));
        using var after = await client.GetAsync("/api/v1/accounts/current_user/");

        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }
}
