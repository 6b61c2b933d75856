namespace InstaIntel.Instagram.Sessions;

/// <summary>
/// Everything a browser context needs to be an account's logged-in browser: cookies, local and session storage,
/// the user agent, the web app id and an optional outbound proxy. Secret: stored only encrypted, never logged.
/// </summary>
public sealed record SessionBundle(
    IReadOnlyList<SessionCookie> Cookies,
    IReadOnlyList<StorageEntry> LocalStorage,
    IReadOnlyList<StorageEntry> SessionStorage,
    string? UserAgent,
    string? AppId = null,
    ProxySettings? Proxy = null)
{
    public const string DefaultAppId = "936619743392459";

    public static readonly SessionBundle Anonymous = new([], [], [], null);

    public string? CookieValue(string name) => Cookies.FirstOrDefault(c => c.Name == name)?.Value;

    /// <summary>Instagram's session cookie; without it nothing is authenticated.</summary>
    public bool HasSession => !string.IsNullOrEmpty(CookieValue("sessionid"));

    // Records print their members: never let a secret reach a log through ToString.
    public override string ToString() =>
        $"SessionBundle {{ Cookies = [{string.Join(", ", Cookies.Select(c => c.Name))}], LocalStorage = {LocalStorage.Count} keys, SessionStorage = {SessionStorage.Count} keys, UserAgent = {UserAgent}, Proxy = {Proxy?.Server ?? "none"} }}";
}

/// <summary>One cookie as a browser holds it. <see cref="Expires"/> is unix seconds, -1 for a session cookie.</summary>
public sealed record SessionCookie(
    string Name,
    string Value,
    string Domain,
    string Path = "/",
    double Expires = -1,
    bool HttpOnly = false,
    bool Secure = false,
    string? SameSite = null)
{
    public override string ToString() => $"SessionCookie {{ Name = {Name}, Domain = {Domain}, Value = *** }}";
}

public sealed record StorageEntry(string Key, string Value)
{
    public override string ToString() => $"StorageEntry {{ Key = {Key}, Value = *** }}";
}

/// <summary>An account's outbound proxy: <c>http://host:port</c> or <c>socks5://host:port</c>, with optional credentials.</summary>
public sealed record ProxySettings(string Server, string? Username = null, string? Password = null)
{
    public override string ToString() => $"ProxySettings {{ Server = {Server}, Username = {Username}, Password = *** }}";
}
