using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage.People;

namespace InstaIntel.Actors.Processing.MediaAnalysis;

/// <summary>A stored story or profile post waiting for analysis.</summary>
public sealed record MediaItem(FaceSource Source, long AccountId, long ProfileId, string BlobKey, string MediaType, DateTime SeenAt, string? Caption)
{
    public static MediaItem Of(InstagramStory story) => new(new FaceSource(FaceSourceKind.Story, story.Id), story.InstagramAccountId, story.InstagramProfileId,
        story.MediaBlobKey!, IsVideo(story.MediaType, story.MediaContentType) ? "video" : "image", story.TakenAt ?? story.CreatedAt,
        story.Metadata?.StoryPayload?.Caption);

    public static MediaItem Of(InstagramProfilePost post) => new(new FaceSource(FaceSourceKind.Post, post.Id), post.InstagramAccountId, post.InstagramProfileId,
        post.MediaBlobKey!, IsVideo(null, post.MediaContentType) ? "video" : "image", post.TakenAt ?? post.CreatedAt, post.Caption);

    private static bool IsVideo(string? mediaType, string? contentType) =>
        string.Equals(mediaType, "video", StringComparison.OrdinalIgnoreCase) || contentType?.StartsWith("video/", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>A media after the read stage: the runner's outcome, or why it could not be read.</summary>
public sealed record MediaRead(MediaItem Item, AiOutcome? Outcome, MediaReading? Reading, Exception? Error);
