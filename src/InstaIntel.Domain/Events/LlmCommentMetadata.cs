using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Events;

/// <summary><c>instagram_profile_events.llm_comment_metadata</c>: details of the event's LLM comment generation.</summary>
public sealed record LlmCommentMetadata : JsonContract
{
    /// <summary>UI progress by stage: queue_wait, face_recognition, llm_generation, relevance_scoring, ...</summary>
    public IReadOnlyDictionary<string, LlmProcessingStage>? ProcessingStages { get; init; }
    /// <summary>At most 40 entries, newest last.</summary>
    public IReadOnlyList<LlmProcessingLogEntry>? ProcessingLog { get; init; }
    public LlmParallelPipeline? ParallelPipeline { get; init; }
    public JsonObject? ProfileCommentPreparation { get; init; }
    public JsonObject? LastFailure { get; init; }
    public JsonObject? ResourceGuardDefer { get; init; }
    public JsonObject? TimeoutResume { get; init; }
    /// <summary>ok, policy_blocked, ...</summary>
    public string? LocalStoryIntelligenceStatus { get; init; }

    // Result: what was generated and whether it may be posted without review.
    public string? Pipeline { get; init; }
    public string? Source { get; init; }
    public string? Prompt { get; init; }
    public bool? FallbackUsed { get; init; }
    public IReadOnlyList<JsonObject>? RankedCandidates { get; init; }
    public string? SelectedComment { get; init; }
    public double? SelectedRelevanceScore { get; init; }
    public bool? AutoPostAllowed { get; init; }
    public string? ManualReviewReason { get; init; }
    public long? ProcessingMs { get; init; }

    /// <summary>Why generation for the story was blocked or allowed: the same contract as a post's.</summary>
    public Posts.Metadata.CommentGenerationPolicy? CommentGenerationPolicy { get; init; }
}

public sealed record LlmProcessingStage : JsonContract
{
    /// <summary>pending, running, completed, failed, skipped.</summary>
    public string? State { get; init; }
    public int? Progress { get; init; }
    public string? Message { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

public sealed record LlmProcessingLogEntry : JsonContract
{
    public DateTime At { get; init; }
    public string? Stage { get; init; }
    public string? State { get; init; }
    public string? Message { get; init; }
}

/// <summary><c>parallel_pipeline</c>: the run that prepares context and generates the comment.</summary>
public sealed record LlmParallelPipeline : JsonContract
{
    public string? RunId { get; init; }
    /// <summary>running, completed, failed.</summary>
    public string? Status { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public string? RequestedBy { get; init; }
    /// <summary>fresh, resume_incomplete, regenerate_all.</summary>
    public string? ResumeMode { get; init; }
    public string? ResumedFromRunId { get; init; }
    public IReadOnlyDictionary<string, JsonObject>? Steps { get; init; }
    public JsonObject? SharedPayload { get; init; }
    public LlmGeneration? Generation { get; init; }
    public DateTime? Heartbeat { get; init; }
}

public sealed record LlmGeneration : JsonContract
{
    public string? Status { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public string? ActiveJobId { get; init; }
    public string? Error { get; init; }
}
