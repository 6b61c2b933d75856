namespace InstaIntel.Simulator.Recording;

/// <summary>A comment written through <c>/api/v1/web/comments/{media_id}/add/</c>.</summary>
public sealed record PostedComment(DateTimeOffset Time, string Username, string MediaId, long MediaPk, long CommentPk, string Text);
