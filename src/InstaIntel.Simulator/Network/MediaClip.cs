namespace InstaIntel.Simulator.Network;

/// <summary>Facts about the MP4 clips scripts/ensure-test-assets.sh makes, which the JSON declares.</summary>
public static class MediaClip
{
    /// <summary>Every clip lasts 3 s (the script's ffmpeg commands).</summary>
    public const double DurationSeconds = 3.0;

    public const int Width = 360;
    public const int Height = 640;
}
