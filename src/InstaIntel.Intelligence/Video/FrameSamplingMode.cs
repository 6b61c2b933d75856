namespace InstaIntel.Intelligence.Video;

/// <summary>How frames are chosen.</summary>
public enum FrameSamplingMode
{
    /// <summary>N frames at the middles of N equal slices of the video.</summary>
    Even,

    /// <summary>The first frame and every frame whose scene score passes the threshold.</summary>
    SceneChange,
}
