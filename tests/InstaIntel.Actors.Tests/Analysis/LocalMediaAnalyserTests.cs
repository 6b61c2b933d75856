using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Ocr;
using InstaIntel.Intelligence.Video;
using InstaIntel.Testing;

namespace InstaIntel.Actors.Tests.Analysis;

/// <summary>The node-wide bound on media read at once (<c>InstaIntel:Models:MaxConcurrentAnalyses</c>).</summary>
[Collection(LocalAnalysisCollection.Name)]
public sealed class LocalMediaAnalyserTests(LocalAnalysisFixture fixture)
{
    [Fact]
    public async Task Many_accounts_reading_at_once_never_read_more_media_than_the_bound_and_read_them_as_one_at_a_time_would()
    {
        var registry = fixture.Registry;
        var images = new ImageEmbedder(registry);
        var bounded = new LocalMediaAnalyser(new FaceAnalyser(registry), new OcrEngine(registry), images, new TextEmbedder(registry),
            new VideoSummariser(new VideoFrameSampler(), images), maxConcurrentReads: 2);
        var photos = TestAssets.Johns().Take(4).Select(j => j.File).Append(TestAssets.BaldGuys).Concat(TestAssets.Negatives().Take(3)).ToList();
        var media = await Task.WhenAll(photos.Select(p => File.ReadAllBytesAsync(p)));

        // Eight readers arrive together, as eight accounts' analysis streams would.
        var together = await Task.WhenAll(media.Select(bytes => Task.Run(() => bounded.ReadAsync(bytes, "image", CancellationToken.None))));

        Assert.Equal(2, bounded.Concurrency);
        Assert.Equal(2, bounded.PeakConcurrentReads);
        for (var i = 0; i < media.Length; i++)
        {
            var alone = await fixture.Analyser.ReadAsync(media[i], "image", CancellationToken.None);
            Assert.Equal((alone.Faces.Count, alone.OcrText), (together[i].Faces.Count, together[i].OcrText));
        }
        Assert.Contains(together, r => r.Faces.Count > 0);
    }

    [Fact]
    public void Without_a_setting_the_bound_is_one_read_per_core()
    {
        Assert.Equal(Environment.ProcessorCount, fixture.Analyser.Concurrency);
        Assert.Throws<InvalidOperationException>(() => new Intelligence.Models.ModelOptions { MaxConcurrentAnalyses = -1 }.Validate());
        Assert.Equal(3, new Intelligence.Models.ModelOptions { MaxConcurrentAnalyses = 3 }.AnalysisConcurrency);
    }
}
