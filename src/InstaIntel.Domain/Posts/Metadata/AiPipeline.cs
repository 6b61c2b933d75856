using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Posts.Metadata;

/// <summary><c>ai_pipeline</c>: one run of the post analysis pipeline (steps visual, face, ocr, video, metadata).</summary>
public sealed record AiPipeline : JsonContract
{
    /// <summary>A new UUID per run; step jobs carrying another run id are stale and do nothing.</summary>
    public string? RunId { get; init; }
    public AiPipelineStatus Status { get; init; }
    public string? SourceJob { get; init; }
    public DateTime? CreatedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public DateTime? FinishedAt { get; init; }

    /// <summary>analyze_visual, analyze_faces, run_ocr, run_video, run_metadata, generate_comments, ...</summary>
    public IReadOnlyDictionary<string, bool>? TaskFlags { get; init; }
    public IReadOnlyList<string>? RequiredSteps { get; init; }

    /// <summary>Keyed by step name: visual, face, ocr, video, metadata.</summary>
    public IReadOnlyDictionary<string, AiPipelineStep>? Steps { get; init; }
    public AiPipelineFinalizer? Finalizer { get; init; }

    /// <summary>finalized_by, finalized_at, attempts, failed_steps.</summary>
    public JsonObject? Details { get; init; }
}

public enum AiPipelineStatus
{
    Running,
    Completed,
    Failed,
}

/// <summary>One step of an <see cref="AiPipeline"/> run.</summary>
public sealed record AiPipelineStep : JsonContract
{
    public AiPipelineStepStatus Status { get; init; }
    public int Attempts { get; init; }
    public string? QueueName { get; init; }
    public string? ActiveJobId { get; init; }
    public DateTime? CreatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    /// <summary>Step-specific summary (reason, provider, face_count, reinitialize_attempts, ...).</summary>
    public JsonObject? Result { get; init; }
    public string? Error { get; init; }
}

public enum AiPipelineStepStatus
{
    Pending,
    Queued,
    Running,
    Succeeded,
    Failed,
    Skipped,
}

/// <summary>The finalizer's short metadata lock, so that only one finalizer run works on a post at a time.</summary>
public sealed record AiPipelineFinalizer : JsonContract
{
    public DateTime? LockUntil { get; init; }
    public DateTime? LastStartedAt { get; init; }
    public string? LastJobId { get; init; }
    public int? LastAttempt { get; init; }
}
