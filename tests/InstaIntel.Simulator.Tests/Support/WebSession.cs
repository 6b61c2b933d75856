using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InstaIntel.Simulator.Hosting;

namespace InstaIntel.Simulator.Tests.Support;

/// <summary>A plain HttpClient on the simulator with a cookie jar, sending the web app's headers as the contract
/// says (X-IG-App-ID, X-Requested-With, X-CSRFToken on POSTs from the csrftoken cookie).</summary>
internal sealed class WebSession : IDisposable
{
    public const string AppId = "936619743392459";

    private WebSession(SimulatorHost simulator, bool webHeaders)
    {
        BaseUrl = simulator.BaseUrl;
        Cookies = new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = simulator.BaseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (webHeaders)
        {
            Http.DefaultRequestHeaders.Add("X-IG-App-ID", AppId);
            Http.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
            Http.DefaultRequestHeaders.Add("Accept", "application/json");
        }
    }

    public Uri BaseUrl { get; }
    public CookieContainer Cookies { get; }
    public HttpClient Http { get; }

    public static WebSession Anonymous(SimulatorHost simulator, bool webHeaders = true) => new(simulator, webHeaders);

    public static async Task<WebSession> LoginAsync(SimulatorHost simulator, string username = "demo_user", string? password = null)
    {
        var client = new WebSession(simulator, webHeaders: true);
        var response = await client.LoginResponseAsync(username, password ?? simulator.PasswordOf(username));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body?["authenticated"]?.GetValue<bool>() == true, $"login of {username} failed: {body}");
        return client;
    }

    /// <summary>What the login page's script does: fetch the page (csrftoken cookie), post enc_password.</summary>
    public async Task<HttpResponseMessage> LoginResponseAsync(string username, string password)
    {
        (await Http.GetAsync("/accounts/login/")).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/web/accounts/login/ajax/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = username,
                ["enc_password"] = $"#PWD_INSTAGRAM_BROWSER:0:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}:{password}",
            }),
        };
        request.Headers.Add("X-CSRFToken", Cookie("csrftoken") ?? "");
        return await Http.SendAsync(request);
    }

    public string? Cookie(string name) => Cookies.GetCookies(BaseUrl)[name]?.Value;

    public Cookie? RawCookie(string name) => Cookies.GetCookies(BaseUrl)[name];

    public async Task<HttpResponseMessage> GetAsync(string path, string? fault = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (fault is not null)
            request.Headers.Add("X-Simulator-Fault", fault);
        return await Http.SendAsync(request);
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string>? form = null, bool withCsrf = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form ?? new Dictionary<string, string>()) };
        if (withCsrf)
            request.Headers.Add("X-CSRFToken", Cookie("csrftoken") ?? "");
        return await Http.SendAsync(request);
    }

    public async Task<JsonNode> PostJsonAsync(string path, IDictionary<string, string>? form = null)
    {
        using var response = await PostFormAsync(path, form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static string GraphQl(string queryHash, object variables) =>
        $"/graphql/query/?query_hash={queryHash}&variables={Uri.EscapeDataString(JsonSerializer.Serialize(variables))}";

    public void Dispose() => Http.Dispose();
}
