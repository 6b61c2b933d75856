namespace InstaIntel.Instagram.Contracts;

/// <summary>Instagram's receipt for a comment the account posted.</summary>
public sealed record PostedComment(string Id, string? Text, DateTimeOffset? CreatedAt);
