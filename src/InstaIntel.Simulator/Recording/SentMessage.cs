namespace InstaIntel.Simulator.Recording;

/// <summary>A direct text message sent through <c>/api/v1/direct_v2/threads/broadcast/text/</c>.</summary>
public sealed record SentMessage(
    DateTimeOffset Time,
    string Sender,
    IReadOnlyList<string> RecipientIds,
    IReadOnlyList<string> RecipientUsernames,
    string Text,
    string? ClientContext,
    string ThreadId,
    string ItemId);
