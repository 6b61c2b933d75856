using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Operations;

/// <summary><c>sync_runs</c>: lifecycle of one follow-graph sync or continuous-processing run of an account.</summary>
public sealed class SyncRun : IEntity
{
    public long Id { get; set; }
    public long InstagramAccountId { get; set; }
    public SyncRunKind Kind { get; set; } = SyncRunKind.FollowGraph;
    public RunStatus Status { get; set; } = RunStatus.Queued;
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? ErrorMessage { get; set; }
    /// <summary>Structured job-level stats (trigger source, enqueued and skipped work, counts).</summary>
    public JsonObject? StatsJson { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
