using System.Text.RegularExpressions;

namespace InstaIntel.Node.Observability;

/// <summary>
/// Masks secrets in log text: Instagram cookies (<c>sessionid=</c>, <c>Cookie:</c> headers, <c>"value":</c> in cookie JSON),
/// API keys (<c>ii_...</c>, <c>X-Api-Key:</c>), bearer and basic credentials, and password/token fields. Every log event
/// passes through it (<see cref="LogScrubbingSink"/>); it errs on the side of masking.
/// </summary>
public static partial class LogScrubber
{
    public const string Mask = "***";

    private static readonly (Regex Pattern, string Replacement)[] Rules =
    [
        // A whole cookie header: every value in it is a credential.
        (CookieHeader(), "${name}${sep}" + Mask),
        // Instagram's session cookies wherever they appear (query strings, cookie strings, exception messages).
        (SessionCookie(), "${name}=" + Mask),
        // Cookie exports and storage states: {"name":"sessionid","value":"..."}.
        (JsonValueField(), "${head}" + Mask + "${tail}"),
        (JsonSecretField(), "${head}" + Mask + "${tail}"),
        (AuthorizationHeader(), "${name}${sep}${scheme}" + Mask),
        (ApiKeyHeader(), "${name}${sep}" + Mask),
        (BearerToken(), "${scheme} " + Mask),
        (ApiKey(), "ii_" + Mask),
        (SecretAssignment(), "${name}=" + Mask),
    ];

    /// <summary>The text with every secret it recognises replaced by <see cref="Mask"/>.</summary>
    public static string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var (pattern, replacement) in Rules)
            text = pattern.Replace(text, replacement);
        return text;
    }

    /// <summary>Whether a property named so holds a secret as a whole (e.g. <c>{ApiKey}</c>, <c>{SessionCookie}</c>).</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    [GeneratedRegex(@"(?<name>\b(?:set-)?cookie)(?<sep>\s*:\s*)[^\r\n]+", RegexOptions.IgnoreCase)]
    private static partial Regex CookieHeader();

    [GeneratedRegex(@"(?<name>\b(?:sessionid|csrftoken|ds_user_id|mid|ig_did|ig_nrcb|rur|shbid|shbts|datr|www-claim-v2))=(?!\*\*\*)[^;\s,&""']+", RegexOptions.IgnoreCase)]
    private static partial Regex SessionCookie();

    [GeneratedRegex(@"(?<head>""value""\s*:\s*"")(?:[^""\\]|\\.)*(?<tail>"")", RegexOptions.IgnoreCase)]
    private static partial Regex JsonValueField();

    [GeneratedRegex(@"(?<head>""(?:password|passwd|secret|token|access_token|refresh_token|api_key|apikey|sessionid|csrftoken|key)""\s*:\s*"")(?:[^""\\]|\\.)*(?<tail>"")", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecretField();

    [GeneratedRegex(@"(?<name>\b(?:proxy-)?authorization)(?<sep>\s*[:=]\s*)(?<scheme>(?:bearer|basic|token)\s+)?(?!\*\*\*)[^\s,;""']+", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"(?<name>\bx-api-key)(?<sep>\s*[:=]\s*""?)(?!\*\*\*)[^\s,;""']+", RegexOptions.IgnoreCase)]
    private static partial Regex ApiKeyHeader();

    [GeneratedRegex(@"(?<scheme>\bbearer)\s+(?!\*\*\*)[A-Za-z0-9._~+/=-]+", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"\bii_(?!\*\*\*)[A-Za-z0-9_-]{8,}")]
    private static partial Regex ApiKey();

    [GeneratedRegex(@"(?<name>\b(?:password|passwd|api_key|apikey|access_token|secret))=(?!\*\*\*)[^\s&;,""']+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"password|passwd|secret|token|apikey|api_key|sessionid|cookie|authorization|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
