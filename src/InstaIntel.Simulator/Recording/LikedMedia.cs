namespace InstaIntel.Simulator.Recording;

/// <summary>A like sent through <c>/api/v1/web/likes/{media_id}/like/</c>.</summary>
public sealed record LikedMedia(DateTimeOffset Time, string Username, string MediaId, long MediaPk);
