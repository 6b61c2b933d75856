using System.Collections.Immutable;
using InstaIntel.Intelligence.Embeddings;

namespace InstaIntel.Intelligence.Video;

/// <summary>
/// The <c>video_processing</c> summary of one video: how it was sampled, whether it is static (one still, maybe
/// zoomed or captioned: analyse one representative frame) or dynamic (analyse its key frames), and why.
/// </summary>
public sealed record VideoProcessingSummary(
    FrameSamplingMode Mode,
    int FramesSampled,
    TimeSpan Duration,
    int Width,
    int Height,
    bool HasAudio,
    bool IsStatic,
    float MinAdjacentSimilarity,
    float MeanAdjacentSimilarity,
    int RepresentativeFrameIndex,
    ImmutableArray<int> KeyFrameIndices,
    string EmbeddingVersion)
{
    /// <summary>
    /// Judges the frames by their picture embeddings: static when every sampled frame stays at least
    /// <paramref name="staticThreshold"/> similar to the one before it. Key frames are the first frame and each frame
    /// less similar than that to the previous key frame; the representative frame is the one closest to all others.
    /// </summary>
    public static VideoProcessingSummary FromFrames(VideoProbe probe, FrameSamplingMode mode, IReadOnlyList<Embedding> frameEmbeddings, float staticThreshold)
    {
        if (frameEmbeddings.Count == 0)
            throw new ArgumentException("a summary needs at least one frame", nameof(frameEmbeddings));
        var adjacent = Enumerable.Range(1, frameEmbeddings.Count - 1)
            .Select(i => frameEmbeddings[i - 1].CosineSimilarity(frameEmbeddings[i]))
            .ToList();
        var min = adjacent.Count == 0 ? 1f : adjacent.Min();
        var mean = adjacent.Count == 0 ? 1f : adjacent.Average();
        var isStatic = min >= staticThreshold;

        var keys = ImmutableArray.CreateBuilder<int>();
        keys.Add(0);
        for (var i = 1; i < frameEmbeddings.Count; i++)
        {
            if (frameEmbeddings[keys[^1]].CosineSimilarity(frameEmbeddings[i]) < staticThreshold)
                keys.Add(i);
        }

        var representative = Enumerable.Range(0, frameEmbeddings.Count)
            .MaxBy(i => frameEmbeddings.Sum(other => frameEmbeddings[i].CosineSimilarity(other)));

        return new VideoProcessingSummary(mode, frameEmbeddings.Count, probe.Duration, probe.Width, probe.Height, probe.HasAudio,
            isStatic, min, mean, representative, isStatic ? [representative] : keys.ToImmutable(), frameEmbeddings[0].Version);
    }
}
