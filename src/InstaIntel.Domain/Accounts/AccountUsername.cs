using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace InstaIntel.Domain.Accounts;

/// <summary>
/// Instagram's username rules: 1–30 characters of letters, digits, periods and underscores, no leading or
/// trailing period and no two periods in a row. Stored lower-case: it is the account entity's id.
/// </summary>
public static partial class AccountUsername
{
    public const int MaxLength = 30;

    public static bool TryNormalize(string? candidate, [NotNullWhen(true)] out string? username, [NotNullWhen(false)] out string? problem)
    {
        username = null;
        var trimmed = candidate?.Trim().TrimStart('@').ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed))
            problem = "username is required";
        else if (trimmed.Length > MaxLength)
            problem = $"username is longer than {MaxLength} characters";
        else if (!Allowed().IsMatch(trimmed))
            problem = "username may contain only letters, digits, '.' and '_'";
        else if (trimmed.StartsWith('.') || trimmed.EndsWith('.') || trimmed.Contains(".."))
            problem = "username may not start or end with '.' or contain '..'";
        else
        {
            username = trimmed;
            problem = null;
            return true;
        }
        return false;
    }

    [GeneratedRegex("^[a-z0-9._]+$")]
    private static partial Regex Allowed();
}
