using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Media;

/// <summary>
/// Maps the network's media onto the real assets: which photo a post, story or profile picture shows (and so
/// whose face), which clip a video plays; renders the JPEGs (cached) and tells tests the truth about each.
/// </summary>
public sealed class MediaLibrary : IDisposable
{
    private readonly TestAssets _assets;
    private readonly PhotoComposer _composer;
    private readonly BoundedCache<(string Path, int Width, int Height, string? Overlay, bool Framed), byte[]> _rendered = new(256);

    internal MediaLibrary(TestAssets assets, string fontPath)
    {
        _assets = assets;
        _composer = new PhotoComposer(fontPath);
    }

    public TestAssets Assets => _assets;

    /// <summary>Widths the image URLs may ask for (Instagram's candidate sizes); others snap to the nearest.</summary>
    public static readonly int[] ImageWidths = [150, 240, 320, 480, 640, 750, 1080];

    public PictureSource Describe(MediaVisual visual)
    {
        switch (visual.Scene)
        {
            case VisualScene.Portrait:
                var person = _assets.People[visual.Subject % _assets.People.Count];
                return new PictureSource(person.Photos[visual.Variant % person.Photos.Count], visual.Scene, person.Name, visual.OverlayText);
            case VisualScene.Group:
                return new PictureSource(_assets.GroupPhotos[visual.Variant % _assets.GroupPhotos.Count], visual.Scene, null, visual.OverlayText);
            default:
                return new PictureSource(_assets.ObjectPhotos[visual.Variant % _assets.ObjectPhotos.Count], visual.Scene, null, visual.OverlayText);
        }
    }

    /// <summary>What a post's image (or a carousel child, 0 being the cover) shows.</summary>
    public PictureSource Describe(SimPost post, int child = 0) =>
        Describe(child == 0 ? post.Visual : post.Visual with { Variant = post.Visual.Variant + child });

    public PictureSource Describe(SimStory story) => Describe(story.Visual);

    /// <summary>A profile picture: the profile's person, first photo, no text.</summary>
    public PictureSource DescribeProfilePicture(SimProfile profile) =>
        Describe(new MediaVisual(VisualScene.Portrait, profile.FaceSubject, 0, ""));

    /// <summary>The MP4 a video post or story plays.</summary>
    public string ClipFor(long mediaPk) => _assets.Clips[(int)(mediaPk % _assets.Clips.Count)];

    /// <summary>Whose face a video shows: the person its clip was cut from (named at the end of the file name), or null.</summary>
    public string? PersonInClip(long mediaPk)
    {
        var clip = Path.GetFileNameWithoutExtension(ClipFor(mediaPk));
        return _assets.People.FirstOrDefault(p => clip.EndsWith(p.Name, StringComparison.OrdinalIgnoreCase))?.Name;
    }

    public string PersonName(int subject) => _assets.People[subject % _assets.People.Count].Name;

    internal byte[] Render(PictureSource source, int width, int height)
    {
        var overlay = string.IsNullOrEmpty(source.OverlayText) ? null : source.OverlayText;
        // Portraits are tight square face crops: cover-scaled into a story's 9:16 frame they would lose the sides of the
        // face (no real story cuts its subject's face in half), and a caption band would cover the chin. So they are
        // framed whenever the frame is not square or carries a caption; a square without caption (a profile picture, a
        // feed post) the crop fills whole.
        var framed = source.Scene == VisualScene.Portrait && (overlay is not null || width != height);
        return _rendered.GetOrAdd((source.PhotoPath, width, height, overlay, framed), key => _composer.Compose(key.Path, key.Width, key.Height, key.Overlay, key.Framed));
    }

    public static int SnapWidth(int? requested)
    {
        if (requested is not { } width)
            return 1080;
        return ImageWidths.MinBy(candidate => Math.Abs(candidate - width));
    }

    public void Dispose() => _composer.Dispose();
}
