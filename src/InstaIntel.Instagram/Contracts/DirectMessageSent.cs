namespace InstaIntel.Instagram.Contracts;

/// <summary>Instagram's receipt for a direct message or a story reply.</summary>
public sealed record DirectMessageSent(string? ThreadId, string? ItemId, DateTimeOffset? SentAt);
