using System.Text.Json;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Transport;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// The one entry of every parser: turns a body into a <see cref="JsonCursor"/> at its root and guarantees that only
/// <see cref="InstagramException"/>s leave. Empty, HTML and broken JSON are transient (a cut connection, a server
/// error page) unless the HTML is the login page; valid JSON of the wrong shape is malformed.
/// </summary>
internal static class InstagramJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128 };

    public static T Parse<T>(string? body, string subject, Func<JsonCursor, T> read)
    {
        if (string.IsNullOrWhiteSpace(body))
            throw new TransientException($"empty body where a {subject} was expected");
        if (LoginPage.LooksLikeHtml(body))
        {
            if (LoginPage.Matches(body)) throw new AuthenticationRequiredException("login_page");
            throw new TransientException($"HTML where a {subject} was expected");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            throw new TransientException($"broken or truncated JSON where a {subject} was expected", innerException: e);
        }

        using (document)
        {
            if (InstagramResponseClassifier.ErrorInRoot(document.RootElement, null, null) is { } error) throw error;
            var root = new JsonCursor(document.RootElement, "$", subject);
            try
            {
                return read(root.RequireObject());
            }
            catch (InstagramException)
            {
                throw;
            }
            // A safety net, not a code path: the readers are written not to raise these, and if one slips through
            // it must still reach the caller as a typed error.
            catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or NullReferenceException
                                          or FormatException or OverflowException or ArgumentException or IndexOutOfRangeException)
            {
                throw new MalformedResponseException(subject, "$", e.GetType().Name, e);
            }
        }
    }
}
