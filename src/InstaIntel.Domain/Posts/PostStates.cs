namespace InstaIntel.Domain.Posts;

/// <summary><c>instagram_profile_posts.ai_status</c>: the analysis pipeline's terminal state (running while a pipeline is in flight).</summary>
public enum ProfilePostAiStatus
{
    Pending,
    Running,
    Analyzed,
    Failed,
}

/// <summary><c>instagram_posts.status</c>: AI state of a feed post; ignored posts are purged after a day.</summary>
public enum FeedPostStatus
{
    Pending,
    Analyzed,
    Ignored,
    Failed,
}

/// <summary><c>instagram_posts.post_kind</c>.</summary>
public enum PostKind
{
    Post,
    Reel,
    Story,
    Unknown,
}

/// <summary>
/// <c>instagram_profile_posts.metadata.download_status</c> (BEHAVIOUR.md §6): what became of the post's media download;
/// <c>download_reason_code</c> says why for <c>skipped</c>, <c>failed</c> and <c>corrupt_detected</c>.
/// </summary>
public enum PostDownloadStatus
{
    Downloaded,
    /// <summary>The bytes were already in the blob store (the same media seen under another post or run).</summary>
    AlreadyDownloaded,
    Skipped,
    Failed,
    /// <summary>The download answered, but with nothing a media can be read from.</summary>
    CorruptDetected,
}
