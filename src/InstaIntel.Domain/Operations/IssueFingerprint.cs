using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace InstaIntel.Domain.Operations;

/// <summary>
/// The dedup key of <c>app_issues</c>: SHA-256 of <c>issue_type|source|account|profile|key</c> (BEHAVIOUR.md 8), so the
/// same failure of the same work for the same account is one issue whose occurrences grow.
/// </summary>
public static partial class IssueFingerprint
{
    public const string AuthenticationRequired = "authentication_required";
    public const string JobFailure = "job_failure";
    public const int MaxKeyLength = 180;

    /// <summary><c>authentication_required</c> for a refused session, else the message with its variable parts masked.</summary>
    public static string Key(FailureKind kind, string message) =>
        kind == FailureKind.Authentication ? AuthenticationRequired : NormalizeMessage(message);

    /// <summary>Hex runs of 8+ become <c>&lt;hex&gt;</c>, numbers of 2+ digits <c>&lt;n&gt;</c>; cut at 180 characters.</summary>
    public static string NormalizeMessage(string message)
    {
        // A run of digits only is a number, not hex: "in 12345678 ms" and "in 12 ms" should group together.
        var masked = HexRun().Replace(message.Trim(), m => m.Value.All(char.IsAsciiDigit) ? "<n>" : "<hex>");
        masked = Number().Replace(masked, "<n>");
        return masked.Length <= MaxKeyLength ? masked : masked[..MaxKeyLength];
    }

    /// <summary>Lower-case hex SHA-256 of the five parts joined by <c>|</c>; a missing account or profile is empty.</summary>
    public static string Compute(string issueType, string source, string? account, string? profile, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{issueType}|{source}|{account}|{profile}|{key}")));

    [GeneratedRegex("[0-9a-fA-F]{8,}")]
    private static partial Regex HexRun();

    [GeneratedRegex("[0-9]{2,}")]
    private static partial Regex Number();
}
