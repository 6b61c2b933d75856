namespace InstaIntel.Instagram.Contracts;

/// <summary>One picture or video inside a carousel. URLs are the largest uncropped rendition Instagram listed.</summary>
public sealed record MediaAsset(
    string Id,
    MediaType Type,
    string? ImageUrl,
    string? VideoUrl,
    double? VideoDurationSeconds = null,
    int? Width = null,
    int? Height = null);
