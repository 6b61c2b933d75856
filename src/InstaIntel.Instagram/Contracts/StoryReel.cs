namespace InstaIntel.Instagram.Contracts;

/// <summary>A profile's current stories; <see cref="Items"/> is empty when it has none.</summary>
public sealed record StoryReel(
    string OwnerId,
    string? OwnerUsername,
    DateTimeOffset? ExpiringAt,
    DateTimeOffset? LatestReelMedia,
    IReadOnlyList<StoryItem> Items)
{
    public static StoryReel Empty(string ownerId) => new(ownerId, null, null, null, []);
}
