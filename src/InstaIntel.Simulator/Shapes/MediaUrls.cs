using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Shapes;

/// <summary>Absolute URLs of media bytes on the simulator's own host (Instagram's CDN URLs in production).</summary>
internal sealed class MediaUrls(string baseUrl)
{
    public string ProfilePicture(SimProfile profile, int size = 150) => $"{baseUrl}/media/u/{profile.IdText}.jpg?s={size}";

    public string PostImage(SimPost post, int width = 1080) => $"{baseUrl}/media/p/{post.PkText}.jpg?w={width}";

    public string PostVideo(SimPost post) => $"{baseUrl}/media/p/{post.PkText}.mp4";

    public string CarouselImage(long childPk, int width = 1080) => $"{baseUrl}/media/c/{MediaIds.Text(childPk)}.jpg?w={width}";

    public string StoryImage(SimStory story, int width = 1080) => $"{baseUrl}/media/s/{story.PkText}.jpg?w={width}";

    public string StoryVideo(SimStory story) => $"{baseUrl}/media/s/{story.PkText}.mp4";
}
