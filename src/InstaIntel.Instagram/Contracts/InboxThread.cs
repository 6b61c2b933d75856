namespace InstaIntel.Instagram.Contracts;

/// <summary>A direct-message conversation and the people in it other than the account itself.</summary>
public sealed record InboxThread(string ThreadId, IReadOnlyList<InstagramUser> Users, DateTimeOffset? LastActivityAt);
