using System.Text.RegularExpressions;

namespace InstaIntel.Instagram.Transport;

/// <summary>
/// Recognises Instagram's login page served where JSON was expected (a logged-out session gets HTML, sometimes with
/// status 200): a password field next to a username field, a login form action, or a login title.
/// </summary>
public static partial class LoginPage
{
    public static bool Matches(string? body)
    {
        if (string.IsNullOrEmpty(body) || !LooksLikeHtml(body)) return false;
        return (PasswordInput().IsMatch(body) && UsernameInput().IsMatch(body))
            || LoginFormAction().IsMatch(body)
            || LoginTitle().IsMatch(body);
    }

    public static bool LooksLikeHtml(string body)
    {
        var start = body.AsSpan().TrimStart();
        return start.Length > 0 && start[0] == '<';
    }

    [GeneratedRegex("""name\s*=\s*["']?password\b""", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInput();

    [GeneratedRegex("""name\s*=\s*["']?username\b""", RegexOptions.IgnoreCase)]
    private static partial Regex UsernameInput();

    [GeneratedRegex("""<form[^>]*action\s*=\s*["'][^"']*/accounts/login""", RegexOptions.IgnoreCase)]
    private static partial Regex LoginFormAction();

    [GeneratedRegex("""<title>[^<]*\b(login|log in)\b[^<]*</title>""", RegexOptions.IgnoreCase)]
    private static partial Regex LoginTitle();
}
