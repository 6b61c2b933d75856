using System.Net;
using System.Text.Json;
using InstaIntel.Simulator.Hosting;

namespace InstaIntel.Node.Tests.Sessions;

/// <summary>What a user hands the node to import a session: the cookies of a browser logged in to the simulator.</summary>
public static class SimulatorCookies
{
    /// <summary>Logs in to the simulator as a browser would and returns the cookies in cookie-editor's export format.</summary>
    public static async Task<(string Export, string SessionId)> LogInAsync(SimulatorHost simulator, string username)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = simulator.BaseUrl };
        (await http.GetAsync("/accounts/login/")).EnsureSuccessStatusCode();
        var csrf = jar.GetCookies(simulator.BaseUrl)["csrftoken"]!.Value;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/web/accounts/login/ajax/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = username,
                ["enc_password"] = $"#PWD_INSTAGRAM_BROWSER:0:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}:{simulator.PasswordOf(username)}",
            }),
        };
        login.Headers.Add("X-CSRFToken", csrf);
        login.Headers.Add("X-IG-App-ID", "936619743392459");
        login.Headers.Add("X-Requested-With", "XMLHttpRequest");
        login.Headers.Add("Accept", "application/json");
        (await http.SendAsync(login)).EnsureSuccessStatusCode();
        var cookies = jar.GetCookies(simulator.BaseUrl).Select(c => new { name = c.Name, value = c.Value, domain = c.Domain, path = c.Path, secure = c.Secure, httpOnly = c.HttpOnly });
        return (JsonSerializer.Serialize(cookies), jar.GetCookies(simulator.BaseUrl)["sessionid"]!.Value);
    }
}
