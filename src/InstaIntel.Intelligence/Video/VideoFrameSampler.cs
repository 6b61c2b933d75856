using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InstaIntel.Intelligence.Video;

/// <summary>
/// Takes JPEG frames out of a video with Debian's ffmpeg, as child processes awaited asynchronously (no thread
/// blocks on them): evenly spread frames, or the frames where the scene changes.
/// </summary>
public sealed partial class VideoFrameSampler
{
    private readonly VideoOptions _options;
    private readonly ILogger _logger;

    public VideoFrameSampler(VideoOptions? options = null, ILogger<VideoFrameSampler>? logger = null)
    {
        _options = options ?? new VideoOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public VideoOptions Options => _options;

    public async Task<VideoProbe> ProbeAsync(string videoPath, CancellationToken cancellationToken = default)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(_options.FfprobePath,
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", videoPath],
            _options.ProcessTimeout, cancellationToken).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidDataException($"ffprobe could not read {videoPath}: {LastLine(stderr)}");
        using var json = JsonDocument.Parse(stdout);
        var streams = json.RootElement.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(x => x.GetProperty("codec_type").GetString() == "video");
        if (video.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{videoPath} has no video stream");
        var duration = Seconds(json.RootElement.GetProperty("format"), "duration") ?? Seconds(video, "duration") ?? 0;
        return new VideoProbe(
            TimeSpan.FromSeconds(duration),
            video.GetProperty("width").GetInt32(),
            video.GetProperty("height").GetInt32(),
            Rate(video.TryGetProperty("avg_frame_rate", out var rate) ? rate.GetString() : null),
            streams.Any(x => x.GetProperty("codec_type").GetString() == "audio"));
    }

    public Task<IReadOnlyList<SampledFrame>> SampleAsync(string videoPath, VideoProbe probe, FrameSamplingMode mode, int? count = null, CancellationToken cancellationToken = default) =>
        mode == FrameSamplingMode.Even
            ? SampleEvenlyAsync(videoPath, probe, count ?? _options.EvenFrameCount, cancellationToken)
            : SampleSceneChangesAsync(videoPath, cancellationToken);

    /// <summary>
    /// <paramref name="count"/> frames at the middles of equal slices of the video (never the very first frame, which
    /// is often black or a fade), in one ffmpeg run: a select filter keeps the first frame at or after each target
    /// time. One decoding pass beats a process per frame for the short videos of stories and reels, and unlike the
    /// fps filter it takes the frame actually on screen at that time.
    /// </summary>
    public async Task<IReadOnlyList<SampledFrame>> SampleEvenlyAsync(string videoPath, int count, CancellationToken cancellationToken = default) =>
        await SampleEvenlyAsync(videoPath, await ProbeAsync(videoPath, cancellationToken).ConfigureAwait(false), count, cancellationToken).ConfigureAwait(false);

    /// <summary>As <see cref="SampleEvenlyAsync(string, int, CancellationToken)"/>, with the video already probed.</summary>
    public async Task<IReadOnlyList<SampledFrame>> SampleEvenlyAsync(string videoPath, VideoProbe probe, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        count = Math.Min(count, _options.MaxFrames);
        if (probe.Duration <= TimeSpan.Zero)
            throw new InvalidDataException($"{videoPath} declares no duration");
        var targets = Enumerable.Range(0, count).Select(i => Invariant(probe.Duration.TotalSeconds * (i + 0.5) / count));
        var select = string.Join('+', targets.Select(t => $"gte(t\\,{t})*lt(prev_t\\,{t})"));
        var frames = await RunSelectAsync(videoPath, select, count, cancellationToken).ConfigureAwait(false);
        _logger.LogDebug("Sampled {Frames} even frame(s) from {Video} ({Duration})", frames.Count, videoPath, probe.Duration);
        return frames;
    }

    /// <summary>The first frame and each frame whose scene score passes the threshold, up to the frame limit, in one ffmpeg run.</summary>
    public async Task<IReadOnlyList<SampledFrame>> SampleSceneChangesAsync(string videoPath, CancellationToken cancellationToken = default)
    {
        var select = $"eq(n\\,0)+gt(scene\\,{Invariant(_options.SceneChangeThreshold)})";
        var frames = await RunSelectAsync(videoPath, select, _options.MaxFrames, cancellationToken).ConfigureAwait(false);
        _logger.LogDebug("Sampled {Frames} scene frame(s) from {Video}", frames.Count, videoPath);
        return frames;
    }

    // Decodes once, keeps the frames the select expression picks, and reads each one's time from showinfo's log.
    private async Task<IReadOnlyList<SampledFrame>> RunSelectAsync(string videoPath, string select, int maxFrames, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("instaintel-frames-");
        try
        {
            var (exit, _, stderr) = await ProcessRunner.RunAsync(_options.FfmpegPath,
            [
                "-nostdin", "-v", "info", "-y", "-i", videoPath,
                "-vf", $"select='{select}',showinfo", "-fps_mode", "vfr",
                "-frames:v", maxFrames.ToString(CultureInfo.InvariantCulture),
                "-q:v", _options.JpegQuality.ToString(CultureInfo.InvariantCulture), Path.Combine(folder.FullName, "%04d.jpg"),
            ], _options.ProcessTimeout, cancellationToken).ConfigureAwait(false);
            if (exit != 0)
                throw new InvalidDataException($"ffmpeg could not sample frames of {videoPath}: {LastLine(stderr)}");
            var times = PtsTime().Matches(stderr)
                .Select(m => TimeSpan.FromSeconds(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)))
                .ToList();
            var files = Directory.GetFiles(folder.FullName, "*.jpg").Order(StringComparer.Ordinal).ToList();
            var frames = new List<SampledFrame>(files.Count);
            for (var i = 0; i < files.Count; i++)
                frames.Add(new SampledFrame(i, i < times.Count ? times[i] : TimeSpan.Zero, await File.ReadAllBytesAsync(files[i], cancellationToken).ConfigureAwait(false)));
            return frames;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Invariant(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"pts_time:\s*([0-9.]+)")]
    private static partial Regex PtsTime();

    private static double? Seconds(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : null;

    private static double Rate(string? fraction)
    {
        var parts = (fraction ?? "").Split('/');
        return parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var n) && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var d) && d != 0
            ? n / d
            : 0;
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no message)";
}
