using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Posts.Metadata;

/// <summary><c>history_build</c> on a post: the post's part in the profile's build-history orchestration.</summary>
public sealed record HistoryBuild : JsonContract
{
    /// <summary>Per-post face refresh state, which build history waits for.</summary>
    public FaceRefresh? FaceRefresh { get; init; }

    /// <summary>waiting (the profile's history is not current) or completed (the post was decided on a current history).</summary>
    public string? Status { get; init; }
    /// <summary>Why the post waited: history_not_built, history_stale, media_pending_analysis.</summary>
    public string? ReasonCode { get; init; }
    /// <summary>The profile history build the post used (its behaviour profile's <c>history_build.built_at</c>).</summary>
    public DateTime? ProfileHistoryBuiltAt { get; init; }
    public int? ChunkCount { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

/// <summary><c>history_build.face_refresh</c>.</summary>
public sealed record FaceRefresh : JsonContract
{
    /// <summary>queued, running, completed, failed.</summary>
    public string? Status { get; init; }
    public DateTime? QueuedAt { get; init; }
    public string? RequestedBy { get; init; }
    public string? ActiveJobId { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public string? ErrorClass { get; init; }
    public string? ErrorMessage { get; init; }
}
