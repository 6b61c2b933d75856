namespace InstaIntel.Intelligence.Video;

/// <summary>What ffprobe says about a video's first video stream.</summary>
public sealed record VideoProbe(TimeSpan Duration, int Width, int Height, double FramesPerSecond, bool HasAudio);
