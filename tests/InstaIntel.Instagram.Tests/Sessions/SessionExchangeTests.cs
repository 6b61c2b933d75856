using InstaIntel.Instagram.Sessions;

namespace InstaIntel.Instagram.Tests.Sessions;

public sealed class SessionExchangeTests
{
    private const string CookieEditorExport = """
        [
          {"domain": ".instagram.com", "expirationDate": 1795000000.5, "hostOnly": false, "httpOnly": true, "name": "sessionid", "path": "/", "sameSite": "no_restriction", "secure": true, "session": false, "value": "123%3Aabc%3A9"},
          {"domain": ".instagram.com", "name": "csrftoken", "path": "/", "secure": true, "session": true, "value": "tok"}
        ]
        """;

    [Fact]
    public void A_cookie_editor_export_imports_with_its_attributes()
    {
        var bundle = SessionExchange.Import(CookieEditorExport, userAgentOverride: "UA/1");
        Assert.True(bundle.HasSession);
        Assert.Equal("123%3Aabc%3A9", bundle.CookieValue("sessionid"));
        var session = bundle.Cookies[0];
        Assert.Equal(1795000000.5, session.Expires);
        Assert.True(session.HttpOnly);
        Assert.True(session.Secure);
        Assert.Equal(-1, bundle.Cookies[1].Expires);
        Assert.Equal("UA/1", bundle.UserAgent);
    }

    [Fact]
    public void Our_export_imports_back_to_the_same_bundle()
    {
        var original = new SessionBundle(
            [new SessionCookie("sessionid", "s", ".instagram.com", "/", 1795000000, true, true, "Lax")],
            [new StorageEntry("ig_key", "1")],
            [new StorageEntry("www-claim-v2", "hmac.abc")],
            "UA/2",
            "936619743392459",
            new ProxySettings("socks5://127.0.0.1:1080", "u", "p"));
        var copy = SessionExchange.Import(SessionExchange.Export(original));
        Assert.Equal(original.Cookies, copy.Cookies);
        Assert.Equal(original.LocalStorage, copy.LocalStorage);
        Assert.Equal(original.SessionStorage, copy.SessionStorage);
        Assert.Equal(original.UserAgent, copy.UserAgent);
        Assert.Equal(original.Proxy, copy.Proxy);
    }

    [Fact]
    public void Playwright_storage_state_imports_cookies_and_local_storage()
    {
        var bundle = SessionExchange.Import("""{"cookies":[{"name":"sessionid","value":"v","domain":"127.0.0.1","path":"/","expires":-1,"httpOnly":true,"secure":false,"sameSite":"Lax"}],"origins":[{"origin":"http://127.0.0.1:5090","localStorage":[{"name":"a","value":"b"}]}]}""");
        Assert.Equal("v", bundle.CookieValue("sessionid"));
        Assert.Equal(new StorageEntry("a", "b"), Assert.Single(bundle.LocalStorage));
    }

    [Theory]
    [InlineData("{\"cookies\": [", "not valid JSON")]
    [InlineData("42", "expected a JSON array")]
    [InlineData("{}", "no 'cookies' array")]
    [InlineData("[1]", "cookie 0 is not an object")]
    [InlineData("[{\"value\":\"x\"}]", "cookie 0 has no name")]
    [InlineData("[{\"name\":\"csrftoken\",\"value\":\"x\"}]", "no 'sessionid' cookie")]
    [InlineData("{\"cookies\":[{\"name\":\"sessionid\",\"value\":\"x\"}],\"proxy\":{\"server\":\"ftp://h:1\"}}", "proxy.server must be")]
    public void A_bad_export_is_refused_with_a_reason_that_shows_no_secret(string json, string reason)
    {
        var error = Assert.Throws<SessionFormatException>(() => SessionExchange.Import(json));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Printing_a_bundle_never_shows_a_secret()
    {
        var bundle = SessionExchange.Import(CookieEditorExport) with { Proxy = new ProxySettings("http://127.0.0.1:3128", "user", "pa55word") };
        var printed = bundle + " " + bundle.Cookies[0] + " " + bundle.Proxy;
        Assert.DoesNotContain("123%3Aabc", printed);
        Assert.DoesNotContain("pa55word", printed);
        Assert.Contains("sessionid", printed);
    }
}
