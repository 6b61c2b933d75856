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
