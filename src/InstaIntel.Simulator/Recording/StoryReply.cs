namespace InstaIntel.Simulator.Recording;

/// <summary>A reply to a story sent through <c>/api/v1/direct_v2/threads/broadcast/reel_share/</c>.</summary>
public sealed record StoryReply(
    DateTimeOffset Time,
    string Sender,
    string StoryMediaId,
    string? StoryOwner,
    string? ReelId,
    IReadOnlyList<string> RecipientIds,
    string Text,
    string? ClientContext,
    string ThreadId,
    string ItemId);
