using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Imaging;

namespace InstaIntel.Intelligence.Video;

/// <summary>Samples a video's frames and judges it static or dynamic from their picture embeddings.</summary>
public sealed class VideoSummariser
{
    private readonly VideoFrameSampler _sampler;
    private readonly ImageEmbedder _embedder;

    public VideoSummariser(VideoFrameSampler sampler, ImageEmbedder embedder)
    {
        _sampler = sampler;
        _embedder = embedder;
    }

    /// <summary>The frames (JPEG) and the summary; the frames named by <see cref="VideoProcessingSummary.KeyFrameIndices"/> are the ones to analyse.</summary>
    public async Task<(VideoProcessingSummary Summary, IReadOnlyList<SampledFrame> Frames)> SummariseAsync(
        string videoPath, FrameSamplingMode mode = FrameSamplingMode.Even, CancellationToken cancellationToken = default)
    {
        var probe = await _sampler.ProbeAsync(videoPath, cancellationToken).ConfigureAwait(false);
        var frames = await _sampler.SampleAsync(videoPath, probe, mode, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (frames.Count == 0)
            throw new InvalidDataException($"no frame could be taken from {videoPath}");
        // Inference is CPU-bound: run it off the caller's thread.
        var embeddings = await Task.Run(() => frames.Select(f => _embedder.Embed(RgbaImage.Decode(f.Jpeg))).ToList(), cancellationToken).ConfigureAwait(false);
        var summary = VideoProcessingSummary.FromFrames(probe, mode, embeddings, _sampler.Options.StaticSimilarityThreshold);
        return (summary, frames);
    }
}
