using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Operations;

/// <summary><c>app_issues</c>: deduplicated problems (job failures, queue and AI health); unique by fingerprint.</summary>
public sealed class AppIssue : IEntity
{
    public long Id { get; set; }
    /// <summary>SHA-256 of type|source|account|profile|key: the dedup key.</summary>
    public string Fingerprint { get; set; } = "";

    // Classification.
    public string IssueType { get; set; } = "";
    public string Source { get; set; } = "";
    public IssueSeverity Severity { get; set; } = IssueSeverity.Error;
    public IssueStatus Status { get; set; } = IssueStatus.Open;

    // Frequency.
    public int Occurrences { get; set; } = 1;
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? ResolvedAt { get; set; }

    // Human-readable context.
    public string Title { get; set; } = "";
    public string? Details { get; set; }
    public string? ResolutionNotes { get; set; }

    public long? BackgroundJobFailureId { get; set; }
    public long? InstagramAccountId { get; set; }
    public long? InstagramProfileId { get; set; }
    public JsonObject Metadata { get; set; } = new();

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
