namespace InstaIntel.Domain.Events;

/// <summary>
/// Known values of <c>instagram_profile_events.kind</c>. The set is open ("and more" in the seed), so the
/// column is a string and these are names to use rather than a closed enum.
/// </summary>
public static class ProfileEventKinds
{
    public const string StoryUploaded = "story_uploaded";
    public const string StoryViewed = "story_viewed";
    public const string StorySeen = "story_seen";
    public const string StoryDownloaded = "story_downloaded";
    public const string StoryAnalysisQueued = "story_analysis_queued";
    public const string StoryAnalyzed = "story_analyzed";
    public const string StoryReplyQueued = "story_reply_queued";
    public const string StoryReplySent = "story_reply_sent";
    public const string StoryReplySkipped = "story_reply_skipped";
    public const string StorySyncFailed = "story_sync_failed";
    public const string PostLiked = "post_liked";
    public const string PostCommentSent = "post_comment_sent";
    public const string ProfilePostCaptured = "profile_post_captured";
    public const string AvatarSynced = "avatar_synced";
}
