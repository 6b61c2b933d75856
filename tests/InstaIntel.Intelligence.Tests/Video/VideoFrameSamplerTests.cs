using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Tests.Support;
using InstaIntel.Intelligence.Video;

namespace InstaIntel.Intelligence.Tests.Video;

[Collection(ModelsCollection.Name)]
public sealed class VideoFrameSamplerTests(ModelsFixture models, VideoClips clips) : IClassFixture<VideoClips>
{
    private readonly VideoFrameSampler _sampler = new();

    [Fact]
    public async Task Probe_reads_duration_size_and_audio()
    {
        var probe = await _sampler.ProbeAsync(clips.Slideshow);

        Assert.Equal(clips.SlidePhotos.Count, probe.Duration.TotalSeconds, 0.1);
        Assert.Equal((VideoClips.Width, VideoClips.Height), (probe.Width, probe.Height));
        Assert.Equal(15, probe.FramesPerSecond, 1);
        Assert.False(probe.HasAudio);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(8)]
    public async Task Even_sampling_takes_the_requested_number_of_decodable_frames(int count)
    {
        var frames = await _sampler.SampleEvenlyAsync(clips.Slideshow, count);

        Assert.Equal(count, frames.Count);
        Assert.Equal(Enumerable.Range(0, count), frames.Select(f => f.Index));
        Assert.All(frames, f =>
        {
            var image = RgbaImage.Decode(f.Jpeg);
            Assert.Equal((VideoClips.Width, VideoClips.Height), (image.Width, image.Height));
            Assert.InRange(f.Timestamp.TotalSeconds, 0.1, clips.SlidePhotos.Count);
        });
        Assert.Equal(frames.OrderBy(f => f.Timestamp), frames);
    }

    [Fact]
    public async Task Evenly_sampled_frames_show_the_photo_on_screen_at_their_time()
    {
        var embedder = new ImageEmbedder(models.Registry);
        var photos = new List<Embedding>();
        foreach (var photo in clips.SlidePhotos)
            photos.Add(embedder.Embed((await RgbaImage.LoadAsync(photo)).Resize(VideoClips.Width, VideoClips.Height)));

        var frames = await _sampler.SampleEvenlyAsync(clips.Slideshow, 8);

        foreach (var frame in frames)
        {
            var shown = embedder.Embed(RgbaImage.Decode(frame.Jpeg));
            var best = Enumerable.Range(0, photos.Count).MaxBy(i => shown.CosineSimilarity(photos[i]));
            Assert.Equal((int)frame.Timestamp.TotalSeconds, best);
        }
    }

    [Fact]
    public async Task Scene_change_sampling_takes_one_frame_per_photo_of_a_slideshow()
    {
        var frames = await _sampler.SampleSceneChangesAsync(clips.Slideshow);

        Assert.Equal(clips.SlidePhotos.Count, frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(i, frames[i].Timestamp.TotalSeconds, 0.15);
            Assert.Equal(VideoClips.Width, RgbaImage.Decode(frames[i].Jpeg).Width);
        }
        Assert.Single(await _sampler.SampleSceneChangesAsync(clips.Still));
    }

    [Fact]
    public async Task A_still_is_judged_static_and_a_slideshow_dynamic()
    {
        var summariser = new VideoSummariser(_sampler, new ImageEmbedder(models.Registry));

        var (still, stillFrames) = await summariser.SummariseAsync(clips.Still);
        var (slideshow, _) = await summariser.SummariseAsync(clips.Slideshow);

        Assert.Equal(_sampler.Options.EvenFrameCount, stillFrames.Count);
        Assert.True(still.IsStatic, $"still: min adjacent similarity {still.MinAdjacentSimilarity:0.000}");
        Assert.Single(still.KeyFrameIndices);
        Assert.False(slideshow.IsStatic, $"slideshow: min adjacent similarity {slideshow.MinAdjacentSimilarity:0.000}");
        Assert.Equal(clips.SlidePhotos.Count, slideshow.KeyFrameIndices.Length);
        Assert.Equal(8, slideshow.FramesSampled);
        Assert.Equal(clips.SlidePhotos.Count, slideshow.Duration.TotalSeconds, 0.1);
    }

    [Fact]
    public async Task A_cancelled_sampling_stops()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _sampler.SampleEvenlyAsync(clips.Slideshow, 4, cancelled.Token));
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_is_reported()
    {
        var notVideo = Path.Combine(clips.Folder, "not-a-video.mp4");
        await File.WriteAllTextAsync(notVideo, "hello");

        await Assert.ThrowsAsync<InvalidDataException>(() => _sampler.SampleEvenlyAsync(notVideo, 2));
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_named()
    {
        var sampler = new VideoFrameSampler(new VideoOptions { FfprobePath = "/nonexistent/ffprobe" });

        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => sampler.ProbeAsync(clips.Still));

        Assert.Contains("ffmpeg", missing.Message);
    }
}
