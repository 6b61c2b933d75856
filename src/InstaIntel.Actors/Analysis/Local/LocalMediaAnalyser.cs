using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Ocr;
using InstaIntel.Intelligence.Video;

namespace InstaIntel.Actors.Analysis.Local;

/// <summary>
/// The whole local reading of one media with the ONNX analysers: faces, text, picture embedding and the embedding of
/// the text read; a video is summarised with ffmpeg and its analysed frames (the representative one of a static video,
/// the key frames of a dynamic one, at most <see cref="MaxVideoFrames"/>) read like pictures. One instance per node: at
/// most <paramref name="maxConcurrentReads"/> media are read at once across all accounts, the rest wait their turn.
/// </summary>
public sealed class LocalMediaAnalyser(FaceAnalyser faces, OcrEngine ocr, ImageEmbedder images, TextEmbedder texts, VideoSummariser videos,
    int maxConcurrentReads = 0)
{
    public const int MaxVideoFrames = 3;

    private readonly SemaphoreSlim _gate = new(Bound(maxConcurrentReads));
    private int _reading, _peak;

    /// <summary>How many media may be read at once.</summary>
    public int Concurrency { get; } = Bound(maxConcurrentReads);

    /// <summary>The most media read at once since the node started (the bound, once the node has been busy).</summary>
    public int PeakConcurrentReads => Volatile.Read(ref _peak);

    private static int Bound(int requested) => requested > 0 ? requested : Environment.ProcessorCount;

    /// <summary>The model label stored in <c>ai_analyses.model</c>: the versions whose outputs the reading holds.</summary>
    public string Model => $"local-onnx[{faces.EmbeddingVersion},{images.Version},{texts.Version}]";

    public async Task<MediaReading> ReadAsync(ReadOnlyMemory<byte> media, string? mediaType, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        var reading = Interlocked.Increment(ref _reading);
        for (var peak = Volatile.Read(ref _peak); reading > peak; peak = Volatile.Read(ref _peak))
            if (Interlocked.CompareExchange(ref _peak, reading, peak) == peak) break;
        try
        {
            return await ReadGatedAsync(media, mediaType, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _reading);
            _gate.Release();
        }
    }

    private async Task<MediaReading> ReadGatedAsync(ReadOnlyMemory<byte> media, string? mediaType, CancellationToken cancellationToken)
    {
        if (!string.Equals(mediaType, "video", StringComparison.OrdinalIgnoreCase))
            return await Task.Run(() => ReadPicture(RgbaImage.Decode(media.Span), cancellationToken), cancellationToken);

        var file = Path.Combine(Path.GetTempPath(), $"instaintel-video-{Guid.NewGuid():N}.mp4");
        try
        {
            await File.WriteAllBytesAsync(file, media.ToArray(), cancellationToken);
            var (summary, frames) = await videos.SummariseAsync(file, FrameSamplingMode.Even, cancellationToken);
            var analysed = summary.KeyFrameIndices.Take(MaxVideoFrames).ToList();
            return await Task.Run(() => ReadFrames(summary, frames, analysed, cancellationToken), cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private MediaReading ReadPicture(RgbaImage image, CancellationToken cancellationToken)
    {
        var (found, lines) = ReadFrame(image, 0, 0, cancellationToken);
        return Compose("image", image.Width, image.Height, found, lines, images.Embed(image), null);
    }

    private MediaReading ReadFrames(VideoProcessingSummary summary, IReadOnlyList<SampledFrame> frames, IReadOnlyList<int> analysed, CancellationToken cancellationToken)
    {
        var allFaces = new List<ReadFace>();
        var allLines = new List<ReadLine>();
        Embedding? picture = null;
        foreach (var index in analysed)
        {
            var frame = frames[index];
            var image = RgbaImage.Decode(frame.Jpeg);
            var (found, lines) = ReadFrame(image, frame.Index, frame.Timestamp.TotalSeconds, cancellationToken);
            allFaces.AddRange(found);
            // The same caption over several key frames is one text.
            allLines.AddRange(lines.Where(l => allLines.All(seen => seen.Text != l.Text)));
            picture ??= images.Embed(image);
        }
        var video = new VideoReading(summary.IsStatic, summary.Duration.TotalSeconds, summary.HasAudio, summary.FramesSampled, analysed,
            summary.MinAdjacentSimilarity, summary.Width, summary.Height);
        return Compose("video", summary.Width, summary.Height, allFaces, allLines, picture, video);
    }

    private (List<ReadFace> Faces, List<ReadLine> Lines) ReadFrame(RgbaImage image, int frame, double seconds, CancellationToken cancellationToken)
    {
        var found = faces.Analyse(image, cancellationToken)
            .Select(f => new ReadFace(frame, seconds, f.Box.X1, f.Box.Y1, f.Box.X2, f.Box.Y2, f.Confidence, f.Embedding?.Values.ToArray(), f.EmbeddingVersion))
            .ToList();
        var lines = ocr.Read(image, cancellationToken).Lines
            .Select(l => new ReadLine(frame, l.Text, l.Confidence, l.Box.X1, l.Box.Y1, l.Box.X2, l.Box.Y2))
            .ToList();
        return (found, lines);
    }

    private MediaReading Compose(string type, int width, int height, List<ReadFace> found, List<ReadLine> lines, Embedding? picture, VideoReading? video)
    {
        var text = string.Join('\n', lines.Select(l => l.Text));
        var textEmbedding = text.Length > 0 ? texts.Embed(text) : null;
        return new MediaReading
        {
            MediaType = type,
            Width = width,
            Height = height,
            Faces = found,
            OcrText = text,
            OcrLines = lines,
            Hashtags = TextSignals.Hashtags(text),
            Mentions = TextSignals.Mentions(text),
            ImageEmbedding = picture?.Values.ToArray(),
            ImageEmbeddingVersion = picture?.Version,
            TextEmbedding = textEmbedding?.Values.ToArray(),
            TextEmbeddingVersion = textEmbedding?.Version,
            Video = video,
        };
    }
}
