using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InstaIntel.Intelligence.Faces;

/// <summary>Detect, locate landmarks, align and embed every face of a picture.</summary>
public sealed class FaceAnalyser
{
    private readonly FaceDetector _detector;
    private readonly FaceLandmarker _landmarker;
    private readonly FaceEmbedder _embedder;
    private readonly FaceAnalyserOptions _options;
    private readonly ILogger _logger;

    public FaceAnalyser(ModelRegistry registry, FaceAnalyserOptions? options = null, ILogger<FaceAnalyser>? logger = null)
    {
        _options = options ?? new FaceAnalyserOptions();
        _options.Validate();
        _detector = new FaceDetector(registry, _options.Detector);
        _landmarker = new FaceLandmarker(registry);
        _embedder = new FaceEmbedder(registry);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public FaceAnalyserOptions Options => _options;

    /// <summary>The version of the embeddings this analyser produces.</summary>
    public string EmbeddingVersion => _embedder.Version;

    /// <summary>Faces best first. CPU-bound and synchronous: call <see cref="AnalyseAsync"/> from actors.</summary>
    public IReadOnlyList<AnalysedFace> Analyse(RgbaImage image, CancellationToken cancellationToken = default)
    {
        var detections = _detector.Detect(image);
        var faces = new List<AnalysedFace>(detections.Count);
        foreach (var detection in detections)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var five = _landmarker.Locate(image, detection.Box).FivePoints();
            var embedding = detection.Box.Width >= _options.MinFaceSizeForEmbedding
                ? _embedder.Embed(image, five)
                : null;
            faces.Add(new AnalysedFace(detection.Box, detection.Confidence, five, embedding));
        }
        _logger.LogDebug("Found {Faces} face(s) in a {Width}x{Height} picture", faces.Count, image.Width, image.Height);
        return faces;
    }

    /// <summary>Decodes and analyses on the thread pool, so an actor's dispatcher thread never runs inference.</summary>
    public Task<IReadOnlyList<AnalysedFace>> AnalyseAsync(ReadOnlyMemory<byte> encodedImage, CancellationToken cancellationToken = default) =>
        Task.Run(() => Analyse(RgbaImage.Decode(encodedImage.Span), cancellationToken), cancellationToken);
}
