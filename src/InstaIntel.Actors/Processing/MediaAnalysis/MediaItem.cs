using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage.People;

namespace InstaIntel.Actors.Processing.MediaAnalysis;

/// <summary>What a media waiting for analysis is: a story, a captured profile post, or a home-feed post.</summary>
public enum MediaKind
{
    Story,
    ProfilePost,
    FeedPost,
}

/// <summary>A stored story, profile post or feed post waiting for analysis.</summary>
public sealed record MediaItem(MediaKind Kind, long Id, long AccountId, long? ProfileId, string BlobKey, string MediaType, DateTime SeenAt, string? Caption)
{
    public static MediaItem Of(InstagramStory story) => new(MediaKind.Story, story.Id, story.InstagramAccountId, story.InstagramProfileId,
        story.MediaBlobKey!, IsVideo(story.MediaType, story.MediaContentType) ? "video" : "image", story.TakenAt ?? story.CreatedAt,
        story.Metadata?.StoryPayload?.Caption);

    public static MediaItem Of(InstagramProfilePost post) => new(MediaKind.ProfilePost, post.Id, post.InstagramAccountId, post.InstagramProfileId,
        post.MediaBlobKey!, IsVideo(null, post.MediaContentType) ? "video" : "image", post.TakenAt ?? post.CreatedAt, post.Caption);

    public static MediaItem Of(InstagramPost post) => new(MediaKind.FeedPost, post.Id, post.InstagramAccountId, post.InstagramProfileId,
        post.MediaBlobKey!, IsVideo(null, post.MediaContentType) ? "video" : "image", post.TakenAt ?? post.DetectedAt, post.Caption);

    /// <summary>Where its faces are stored: stories and profile posts have face tables; feed posts only count faces.</summary>
    public FaceSource? Faces => Kind switch
    {
        MediaKind.Story => new FaceSource(FaceSourceKind.Story, Id),
        MediaKind.ProfilePost => new FaceSource(FaceSourceKind.Post, Id),
        _ => null,
    };

    public string AnalyzableType => Kind switch
    {
        MediaKind.Story => AnalyzableTypes.Story,
        MediaKind.ProfilePost => AnalyzableTypes.ProfilePost,
        _ => AnalyzableTypes.FeedPost,
    };

    private static bool IsVideo(string? mediaType, string? contentType) =>
        string.Equals(mediaType, "video", StringComparison.OrdinalIgnoreCase) || contentType?.StartsWith("video/", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>A media after the read stage: the runner's outcome, or why it could not be read.</summary>
public sealed record MediaRead(MediaItem Item, AiOutcome? Outcome, MediaReading? Reading, Exception? Error);
