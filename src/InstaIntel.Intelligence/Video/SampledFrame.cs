namespace InstaIntel.Intelligence.Video;

/// <summary>One frame taken from a video: its order among the samples, where it sits in the video, and its JPEG bytes.</summary>
public sealed record SampledFrame(int Index, TimeSpan Timestamp, byte[] Jpeg);
