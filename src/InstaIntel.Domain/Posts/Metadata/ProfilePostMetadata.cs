using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Posts.Metadata;

/// <summary>
/// <c>instagram_profile_posts.metadata</c>: one JSON object carrying the seed's six post contracts under their
/// keys. Other keys the capture and download steps write (download_status, post_kind, deleted_from_source,
/// face_recognition, ...) are kept untouched in <see cref="JsonContract.AdditionalFields"/>.
/// </summary>
public sealed record ProfilePostMetadata : JsonContract
{
    /// <summary>Post analysis pipeline state machine.</summary>
    public AiPipeline? AiPipeline { get; init; }

    /// <summary>Workspace queue state of the post.</summary>
    public WorkspaceActions? WorkspaceActions { get; init; }

    /// <summary>Why comment generation was blocked or allowed.</summary>
    public CommentGenerationPolicy? CommentGenerationPolicy { get; init; }

    /// <summary>Build-history orchestration state for this post.</summary>
    public HistoryBuild? HistoryBuild { get; init; }

    /// <summary>OCR extraction outputs.</summary>
    public OcrAnalysis? OcrAnalysis { get; init; }

    /// <summary>Video extraction summary.</summary>
    public VideoProcessing? VideoProcessing { get; init; }
}
