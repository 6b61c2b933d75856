namespace InstaIntel.Simulator.Recording;

/// <summary>A story marked seen through <c>/api/v1/stories/reel/seen</c>.</summary>
public sealed record SeenStory(DateTimeOffset Time, string Username, string StoryMediaId, long StoryPk, string? OwnerId, long? TakenAt, long? SeenAt);
