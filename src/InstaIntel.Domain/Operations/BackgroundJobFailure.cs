using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Operations;

/// <summary>
/// <c>background_job_failures</c>: one row per failed unit of work (in the actor system: a child's failure).
/// The account and profile ids are plain values, not foreign keys: the audit row outlives what it names.
/// </summary>
public sealed class BackgroundJobFailure : IEntity
{
    public long Id { get; set; }

    // Job identity: which work failed, where it was queued.
    public string JobClass { get; set; } = "";
    public string? QueueName { get; set; }
    public string ActiveJobId { get; set; } = "";
    public string? ProviderJobId { get; set; }
    public string? ArgumentsJson { get; set; }

    // Error details.
    public string ErrorClass { get; set; } = "";
    public string ErrorMessage { get; set; } = "";
    public string? Backtrace { get; set; }

    public FailureKind FailureKind { get; set; } = FailureKind.Runtime;
    /// <summary>Whether the automatic retry may run the work again.</summary>
    public bool Retryable { get; set; } = true;

    public long? InstagramAccountId { get; set; }
    public long? InstagramProfileId { get; set; }
    /// <summary>Context, timing, execution count, retry_state.</summary>
    public JsonObject? Metadata { get; set; }
    public DateTime OccurredAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
