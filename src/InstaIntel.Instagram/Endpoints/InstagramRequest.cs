using System.Text;
using InstaIntel.Domain.Budget;
using InstaIntel.Instagram.Sessions;

namespace InstaIntel.Instagram.Endpoints;

/// <summary>
/// A request described without sending it: what the Playwright client issues from the account's browser context (which
/// adds the session's cookies itself) and what the simulator must answer. Built by <see cref="InstagramEndpoints"/>.
/// </summary>
/// <param name="Capability">A short name for logs and metrics, e.g. <c>followers</c>.</param>
/// <param name="Path">Absolute path on the Instagram origin, or an absolute URL (media downloads).</param>
/// <param name="Action">The capped action this request performs, for the request gate; null for reads.</param>
/// <param name="ExpectsJson">False for media bytes: no JSON headers, no JSON parsing.</param>
public sealed record InstagramRequest(
    string Capability,
    HttpMethod Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    InstagramAction? Action = null,
    bool ExpectsJson = true)
{
    public const string FormContentType = "application/x-www-form-urlencoded";

    public string PathAndQuery => Query.Count == 0 ? Path : $"{Path}?{Encode(Query)}";

    /// <summary>The URL to request: the path against Instagram's (or the simulator's) base URL; absolute URLs stay as they are.</summary>
    public Uri Resolve(Uri baseUrl) => new(baseUrl, PathAndQuery);

    /// <summary>The url-encoded form for POSTs, null for GETs.</summary>
    public string? FormBody => Method == HttpMethod.Post ? Encode(Form) : null;

    /// <summary>
    /// The web app's headers for this request (docs/instagram-endpoints.md). Cookies are not among them: the browser
    /// context sends the session's cookies. The CSRF header is left out when the session has no csrftoken cookie.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers(SessionBundle session)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!ExpectsJson)
        {
            headers["Accept"] = "*/*";
            return headers;
        }
        headers["Accept"] = "application/json";
        headers["X-Requested-With"] = "XMLHttpRequest";
        headers["X-IG-App-ID"] = session.AppId ?? SessionBundle.DefaultAppId;
        if (session.CookieValue("csrftoken") is { Length: > 0 } csrf) headers["X-CSRFToken"] = csrf;
        if (Method == HttpMethod.Post) headers["Content-Type"] = FormContentType;
        return headers;
    }

    // Records print every member; message texts and cursors do not belong in logs.
    public override string ToString() => $"InstagramRequest {{ {Method} {Path} ({Capability}) }}";

    private static string Encode(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (text.Length > 0) text.Append('&');
            text.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return text.ToString();
    }
}
