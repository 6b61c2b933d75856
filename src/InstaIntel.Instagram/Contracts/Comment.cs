namespace InstaIntel.Instagram.Contracts;

/// <summary>A comment on a post (GraphQL comment node or mobile comment).</summary>
public sealed record Comment(string Id, string Text, DateTimeOffset? CreatedAt, InstagramUser? Author, long? LikeCount);
