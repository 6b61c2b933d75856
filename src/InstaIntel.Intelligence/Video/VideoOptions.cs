namespace InstaIntel.Intelligence.Video;

/// <summary>Frame sampling with Debian's ffmpeg, bound from <c>InstaIntel:Video</c>.</summary>
public sealed record VideoOptions
{
    public const string Section = "InstaIntel:Video";

    public string FfmpegPath { get; init; } = "/usr/bin/ffmpeg";

    public string FfprobePath { get; init; } = "/usr/bin/ffprobe";

    /// <summary>Frames taken evenly across a video when the caller names no count.</summary>
    public int EvenFrameCount { get; init; } = 8;

    /// <summary>ffmpeg's scene score (0..1) above which a frame starts a new scene.</summary>
    public float SceneChangeThreshold { get; init; } = 0.3f;

    /// <summary>At most this many frames from one video, whichever the mode.</summary>
    public int MaxFrames { get; init; } = 24;

    /// <summary>JPEG quality of sampled frames (ffmpeg's -q:v: 2 best .. 31 worst).</summary>
    public int JpegQuality { get; init; } = 3;

    /// <summary>One ffmpeg or ffprobe run longer than this is killed.</summary>
    public TimeSpan ProcessTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sampled frames whose embeddings all stay this similar to their neighbours make a static video (a still with
    /// a caption or a slow zoom): one representative frame is analysed instead of every key frame. Measured on the
    /// simulator's clips: zooming stills stay at 0.96 or more between neighbours, dlib's moving sequence dips to 0.90.
    /// </summary>
    public float StaticSimilarityThreshold { get; init; } = 0.93f;

    public void Validate()
    {
        if (EvenFrameCount < 1 || MaxFrames < 1)
            throw new InvalidOperationException($"{Section}: frame counts must be at least 1");
        if (SceneChangeThreshold is <= 0 or >= 1 || StaticSimilarityThreshold is <= 0 or > 1)
            throw new InvalidOperationException($"{Section}: thresholds must be in (0, 1)");
        if (JpegQuality is < 2 or > 31)
            throw new InvalidOperationException($"{Section}:JpegQuality must be in 2..31");
        if (ProcessTimeout <= TimeSpan.Zero)
            throw new InvalidOperationException($"{Section}:ProcessTimeout must be positive");
    }
}
