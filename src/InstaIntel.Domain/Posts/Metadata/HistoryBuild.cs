using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Posts.Metadata;

/// <summary><c>history_build</c> on a post: the post's part in the profile's build-history orchestration.</summary>
public sealed record HistoryBuild : JsonContract
{
    /// <summary>Per-post face refresh state, which build history waits for.</summary>
    public FaceRefresh? FaceRefresh { get; init; }
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
