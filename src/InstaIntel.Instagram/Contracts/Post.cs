namespace InstaIntel.Instagram.Contracts;

/// <summary>
/// A feed post, from any shape (GraphQL <c>shortcode_media</c> or timeline edge, mobile media item). <see cref="Id"/>
/// is the numeric media id (the mobile <c>pk</c>, the GraphQL <c>id</c>) in every shape. A carousel's
/// <see cref="ImageUrl"/> is its first child's. <see cref="VideoUrl"/> is null where the shape omits it (profile grids).
/// </summary>
public sealed record Post(
    string Id,
    string? Shortcode,
    MediaType Type,
    string? Caption,
    long? LikeCount,
    long? CommentCount,
    DateTimeOffset? TakenAt,
    string? OwnerId,
    string? OwnerUsername,
    string? ImageUrl,
    string? VideoUrl,
    double? VideoDurationSeconds,
    long? VideoViewCount,
    int? Width,
    int? Height,
    IReadOnlyList<MediaAsset> Children);
