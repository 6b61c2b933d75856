namespace InstaIntel.Instagram.Contracts;

/// <summary>
/// The reel summary and suggested accounts of a profile (GraphQL <c>user</c> with <c>reel</c>, <c>edge_chaining</c>,
/// <c>edge_highlight_reels</c>). <see cref="Reel"/> is null when the response carried none.
/// </summary>
public sealed record ProfileReelSummary(
    ReelSummary? Reel,
    IReadOnlyList<InstagramUser> Suggested,
    IReadOnlyList<HighlightReel> Highlights);

/// <summary>A reel's state without its items: <c>latest_reel_media</c> 0 means no current story.</summary>
public sealed record ReelSummary(string Id, DateTimeOffset? ExpiringAt, DateTimeOffset? LatestReelMedia, DateTimeOffset? SeenUpTo)
{
    public bool HasStories => LatestReelMedia is not null;

    public bool HasUnseen => LatestReelMedia is { } latest && (SeenUpTo is not { } seen || latest > seen);
}

/// <summary>A saved story highlight on a profile.</summary>
public sealed record HighlightReel(string Id, string? Title, string? CoverUrl);
