using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InstaIntel.Intelligence.Ocr;

/// <summary>
/// Reads the text of a picture: DBNet detection on the whole picture (shrunk) and, for big pictures, on full-resolution
/// tiles; line boxes merged; each line recognised from the original pixels and CTC-decoded.
/// </summary>
public sealed class OcrEngine
{
    private readonly OcrOptions _options;
    private readonly TextDetector _detector;
    private readonly TextRecognizer _recognizer;
    private readonly ILogger _logger;

    public OcrEngine(ModelRegistry registry, OcrOptions? options = null, ILogger<OcrEngine>? logger = null)
    {
        _options = options ?? new OcrOptions();
        _options.Validate();
        _detector = new TextDetector(registry, _options);
        _recognizer = new TextRecognizer(registry, _options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public OcrOptions Options => _options;

    /// <summary>CPU-bound and synchronous: call <see cref="ReadAsync"/> from actors.</summary>
    public OcrResult Read(RgbaImage image, CancellationToken cancellationToken = default)
    {
        var whole = _detector.Detect(image, _options.DetectionMaxSide).Select(b => b.Box).ToList();
        IReadOnlyList<BoundingBox> boxes;
        if (_options.EnableTiling && Math.Max(image.Width, image.Height) > _options.DetectionMaxSide)
        {
            var tiles = new List<BoundingBox>();
            foreach (var (x, y, w, h) in Tiles(image.Width, image.Height))
            {
                cancellationToken.ThrowIfCancellationRequested();
                tiles.AddRange(_detector.Detect(image, image.Clip(x, y, w, h), _options.TileSize).Select(b => b.Box.Offset(x, y)));
            }
            boxes = TextBoxMerger.Merge(tiles, whole);
        }
        else
        {
            boxes = TextBoxMerger.Lines(whole);
        }

        var lines = new List<OcrLine>();
        foreach (var box in boxes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (text, confidence) = _recognizer.Recognise(image, box);
            text = text.Trim();
            if (text.Length > 0 && confidence >= _options.MinLineConfidence)
                lines.Add(new OcrLine(text, box, confidence));
        }
        _logger.LogDebug("Read {Lines} line(s) from {Boxes} box(es) in a {Width}x{Height} picture", lines.Count, boxes.Count, image.Width, image.Height);
        return new OcrResult(lines);
    }

    /// <summary>Decodes and reads on the thread pool, so an actor's dispatcher thread never runs inference.</summary>
    public Task<OcrResult> ReadAsync(ReadOnlyMemory<byte> encodedImage, CancellationToken cancellationToken = default) =>
        Task.Run(() => Read(RgbaImage.Decode(encodedImage.Span), cancellationToken), cancellationToken);

    /// <summary>Tiles of <see cref="OcrOptions.TileSize"/> overlapping by <see cref="OcrOptions.TileOverlap"/>, covering the picture.</summary>
    internal IEnumerable<(int X, int Y, int Width, int Height)> Tiles(int width, int height)
    {
        var size = _options.TileSize;
        var step = Math.Max(1, (int)(size * (1 - _options.TileOverlap)));
        foreach (var y in Starts(height, size, step))
        {
            foreach (var x in Starts(width, size, step))
                yield return (x, y, Math.Min(size, width - x), Math.Min(size, height - y));
        }
    }

    // Evenly stepped starts; the last tile is pulled back to end at the edge instead of being a thin sliver.
    private static IEnumerable<int> Starts(int length, int size, int step)
    {
        if (length <= size)
        {
            yield return 0;
            yield break;
        }
        for (var start = 0; ; start += step)
        {
            if (start + size >= length)
            {
                yield return length - size;
                yield break;
            }
            yield return start;
        }
    }
}
