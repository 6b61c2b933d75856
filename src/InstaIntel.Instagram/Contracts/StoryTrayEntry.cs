namespace InstaIntel.Instagram.Contracts;

/// <summary>
/// One profile in the home story tray. <see cref="HasUnseen"/> holds when its newest story is newer than the last
/// one the account saw (tray <c>latest_reel_media</c> &gt; <c>seen</c>).
/// </summary>
public sealed record StoryTrayEntry(
    InstagramUser User,
    DateTimeOffset? LatestReelMedia,
    DateTimeOffset? SeenUpTo,
    int? MediaCount,
    bool HasUnseen);
