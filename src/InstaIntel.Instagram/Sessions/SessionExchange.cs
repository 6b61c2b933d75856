using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstaIntel.Instagram.Sessions;

/// <summary>
/// Reads a session someone exported from a browser and writes ours back out. Accepted: a cookie-editor style
/// JSON array of cookies, Playwright's storage state (<c>{cookies, origins}</c>), or our own export
/// (<c>{cookies, localStorage, sessionStorage, userAgent, proxy}</c>). Errors name the problem, never a value.
/// </summary>
public static class SessionExchange
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static SessionBundle Import(string json, string? userAgentOverride = null)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new SessionFormatException($"the session is not valid JSON (line {ex.LineNumber + 1})");
        }

        var bundle = root switch
        {
            JsonArray cookies => new SessionBundle(ReadCookies(cookies), [], [], null),
            JsonObject obj => ReadObject(obj),
            _ => throw new SessionFormatException("expected a JSON array of cookies or an object with a 'cookies' array"),
        };
        if (userAgentOverride is not null) bundle = bundle with { UserAgent = userAgentOverride };
        if (!bundle.HasSession)
            throw new SessionFormatException("the session has no 'sessionid' cookie, so it cannot be logged in");
        return bundle;
    }

    public static string Export(SessionBundle bundle) => JsonSerializer.Serialize(new
    {
        cookies = bundle.Cookies.Select(c => new { name = c.Name, value = c.Value, domain = c.Domain, path = c.Path, expirationDate = c.Expires < 0 ? (double?)null : c.Expires, httpOnly = c.HttpOnly, secure = c.Secure, sameSite = c.SameSite }),
        localStorage = bundle.LocalStorage.Select(e => new { key = e.Key, value = e.Value }),
        sessionStorage = bundle.SessionStorage.Select(e => new { key = e.Key, value = e.Value }),
        userAgent = bundle.UserAgent,
        appId = bundle.AppId,
        proxy = bundle.Proxy is null ? null : new { server = bundle.Proxy.Server, username = bundle.Proxy.Username, password = bundle.Proxy.Password },
    }, Json);

    private static SessionBundle ReadObject(JsonObject obj)
    {
        if (obj["cookies"] is not JsonArray cookies)
            throw new SessionFormatException("the session object has no 'cookies' array");
        var local = obj["localStorage"] is JsonArray l ? ReadEntries(l, "localStorage") : [];
        if (obj["origins"] is JsonArray origins)
            local = [.. local, .. origins.OfType<JsonObject>().SelectMany(o => o["localStorage"] is JsonArray e ? ReadEntries(e, "origins.localStorage") : [])];
        var session = obj["sessionStorage"] is JsonArray s ? ReadEntries(s, "sessionStorage") : [];
        ProxySettings? proxy = null;
        if (obj["proxy"] is JsonObject p)
        {
            var server = Text(p, "server") ?? throw new SessionFormatException("proxy.server is required");
            if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "socks5"))
                throw new SessionFormatException("proxy.server must be http://host:port, https://host:port or socks5://host:port");
            proxy = new ProxySettings(server, Text(p, "username"), Text(p, "password"));
        }
        return new SessionBundle(ReadCookies(cookies), local, session, Text(obj, "userAgent"), Text(obj, "appId"), proxy);
    }

    private static List<SessionCookie> ReadCookies(JsonArray array)
    {
        var cookies = new List<SessionCookie>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject c)
                throw new SessionFormatException($"cookie {i} is not an object");
            var name = Text(c, "name") ?? throw new SessionFormatException($"cookie {i} has no name");
            var value = Text(c, "value") ?? throw new SessionFormatException($"cookie '{name}' has no value");
            var domain = Text(c, "domain") ?? ".instagram.com";
            var expires = Number(c, "expirationDate") ?? Number(c, "expires") ?? -1;
            var session = c["session"]?.GetValueKind() == JsonValueKind.True;
            cookies.Add(new SessionCookie(name, value, domain, Text(c, "path") ?? "/", session ? -1 : expires,
                c["httpOnly"]?.GetValueKind() == JsonValueKind.True, c["secure"]?.GetValueKind() == JsonValueKind.True, Text(c, "sameSite")));
        }
        return cookies;
    }

    private static List<StorageEntry> ReadEntries(JsonArray array, string field) =>
        array.Select((node, i) => node is JsonObject e
                ? new StorageEntry(Text(e, "key") ?? Text(e, "name") ?? throw new SessionFormatException($"{field}[{i}] has no key"), Text(e, "value") ?? "")
                : throw new SessionFormatException($"{field}[{i}] is not an object"))
            .ToList();

    private static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static double? Number(JsonObject obj, string name) => obj[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}

/// <summary>A session export that cannot be read; the message never contains a cookie value.</summary>
public sealed class SessionFormatException(string message) : Exception(message);
