using System.Globalization;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Media;

/// <summary>
/// Media bytes under /media/{kind}/{id}.{jpg|mp4}: u = profile picture (?s=size), p = post image or video,
/// c = carousel child, s = story image or video; images take ?w= (snapped to Instagram's widths).
/// Like a CDN, no session is needed.
/// </summary>
internal static class MediaEndpoints
{
    public static WebApplication MapMedia(this WebApplication app)
    {
        app.MapGet("/media/{kind}/{file}", (SimulatorState state, string kind, string file, int? w, int? s) => Serve(state, kind, file, w, s));
        return app;
    }

    private static IResult Serve(SimulatorState state, string kind, string file, int? width, int? size)
    {
        var extension = Path.GetExtension(file);
        if (!long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return Results.NotFound();
        var network = state.Network;
        var media = state.Media;
        switch (kind, extension)
        {
            case ("u", ".jpg") when network.TryFindById(id) is { } profile:
                var side = MediaLibrary.SnapWidth(size ?? 150);
                return Jpeg(media.Render(media.DescribeProfilePicture(profile), side, side));
            case ("p", ".jpg") when network.FindPost(id) is { } post:
                return Jpeg(RenderScaled(media, media.Describe(post), width, post.Width, post.Height));
            case ("p", ".mp4") when network.FindPost(id) is { IsVideo: true } post:
                return Mp4(media.ClipFor(post.Pk));
            case ("c", ".jpg") when MediaIds.DecodeCarouselChild(id) is { } child && network.FindPost(child.PostPk) is { Kind: PostKind.Carousel } post
                && child.Child < post.CarouselCount:
                return Jpeg(RenderScaled(media, media.Describe(post, child.Child), width, post.Width, post.Height));
            case ("s", ".jpg") when network.FindStory(id) is { } story:
                return Jpeg(RenderScaled(media, media.Describe(story), width, 1080, 1920));
            case ("s", ".mp4") when network.FindStory(id) is { IsVideo: true } story:
                return Mp4(media.ClipFor(story.Pk));
            default:
                return Results.NotFound();
        }
    }

    private static byte[] RenderScaled(MediaLibrary media, PictureSource source, int? requestedWidth, int width, int height)
    {
        var w = MediaLibrary.SnapWidth(requestedWidth);
        return media.Render(source, w, (int)Math.Round((double)height * w / width));
    }

    private static IResult Jpeg(byte[] bytes) => Results.Bytes(bytes, "image/jpeg");

    private static IResult Mp4(string path) => Results.File(path, "video/mp4", enableRangeProcessing: true);
}
