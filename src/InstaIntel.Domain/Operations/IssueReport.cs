using System.Text.Json.Nodes;

namespace InstaIntel.Domain.Operations;

/// <summary>One occurrence of a problem, raised into <c>app_issues</c> by its fingerprint (failures, queue health, AI health).</summary>
/// <param name="Key">What makes two occurrences the same issue beside type, source, account and profile.</param>
public sealed record IssueReport(
    string IssueType,
    string Source,
    IssueSeverity Severity,
    string Title,
    string? Details,
    string Key,
    string? AccountUsername = null,
    string? ProfileUsername = null,
    JsonObject? Metadata = null)
{
    public string Fingerprint => IssueFingerprint.Compute(IssueType, Source, AccountUsername, ProfileUsername, Key);

    /// <summary>The issue a failure counts towards: refused sessions are critical <c>authentication_required</c> issues.</summary>
    public static IssueReport For(FailureReport failure)
    {
        var kind = failure.Classification.Kind;
        var authentication = kind == FailureKind.Authentication;
        var source = failure.IssueSource;
        var who = failure.AccountUsername is { } account ? $" for {account}" : "";
        return new IssueReport(
            authentication ? IssueFingerprint.AuthenticationRequired : IssueFingerprint.JobFailure,
            source,
            authentication ? IssueSeverity.Critical : IssueSeverity.Error,
            authentication ? $"Authentication required{who}" : $"{failure.ErrorClass} in {source}{who}",
            $"{failure.ErrorClass}: {failure.ErrorMessage}",
            IssueFingerprint.Key(kind, failure.ErrorMessage),
            failure.AccountUsername,
            failure.ProfileUsername);
    }
}
