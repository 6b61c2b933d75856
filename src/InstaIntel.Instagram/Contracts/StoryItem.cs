namespace InstaIntel.Instagram.Contracts;

/// <summary>One story frame. <see cref="ImageUrl"/> is set for videos too (their cover picture).</summary>
public sealed record StoryItem(
    string Id,
    string OwnerId,
    MediaType Type,
    DateTimeOffset? TakenAt,
    DateTimeOffset? ExpiringAt,
    string? ImageUrl,
    string? VideoUrl,
    double? VideoDurationSeconds,
    int? Width = null,
    int? Height = null);
