using InstaIntel.Storage.Blobs;

namespace InstaIntel.Node.Dashboard;

/// <summary>Story media for the archive grid, from the blob store, behind the dashboard's login.</summary>
public static class DashboardMedia
{
    public static void MapDashboardMedia(this WebApplication app) =>
        app.MapGet("/dashboard/media/stories/{id:long}", Story)
            .RequireAuthorization(DashboardServices.Policy)
            .ExcludeFromDescription();

    private static async Task<IResult> Story(long id, DashboardQueries queries, BlobStore blobs, CancellationToken cancellationToken)
    {
        var story = await queries.StoryAsync(id, cancellationToken);
        if (story?.MediaBlobKey is not { } key || !blobs.Exists(key))
            return TypedResults.NotFound();
        // Only images are shown inline; the content type is ours (from the download), never a caller's.
        var type = story.MediaContentType is { } t && t.StartsWith("image/", StringComparison.Ordinal) ? t : "application/octet-stream";
        return TypedResults.Bytes(await blobs.ReadAsync(key, cancellationToken), type);
    }
}
