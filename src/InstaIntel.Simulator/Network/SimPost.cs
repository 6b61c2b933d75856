namespace InstaIntel.Simulator.Network;

/// <summary>One feed post of a profile.</summary>
public sealed record SimPost(
    long Pk,
    int OwnerIndex,
    int Number,
    string Shortcode,
    PostKind Kind,
    DateTimeOffset TakenAt,
    string Caption,
    IReadOnlyList<string> Hashtags,
    int LikeCount,
    int CommentCount,
    string? Location,
    int Width,
    int Height,
    int CarouselCount,
    double VideoDuration,
    int VideoViewCount,
    MediaVisual Visual)
{
    public string PkText => MediaIds.Text(Pk);

    /// <summary>Instagram's media id: "{pk}_{owner pk}".</summary>
    public string MediaId => $"{Pk}_{MediaIds.UserId(OwnerIndex)}";

    public bool IsVideo => Kind == PostKind.Video;
}

/// <summary>Post media types (mobile media_type 1, 2, 8).</summary>
public enum PostKind
{
    Image = 1,
    Video = 2,
    Carousel = 8,
}
