using System.Diagnostics;
using InstaIntel.Benchmarks.Runner;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Models;
using InstaIntel.Testing;
using Microsoft.ML.OnnxRuntime;

namespace InstaIntel.Benchmarks.Scenarios;

/// <summary>
/// Images per second through the media pipeline as it stands (decode, faces: detect, landmarks, align, embed;
/// picture embedding) vs the bare ONNX sessions the pipeline calls, run the same number of times per image on
/// inputs of the same shapes prepared beforehand. dlib's real photos from artifacts/test-assets, the real models.
/// </summary>
public sealed class AnalysisScenario : IScenario
{
    private const int Rounds = 3;
    private const double Target = 0.85;

    public string Name => "analysis";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var root = RepositoryRoot.Find();
        var assets = Environment.GetEnvironmentVariable("INSTAINTEL_TEST_ASSETS") is { Length: > 0 } configured ? configured : Path.Combine(root, "artifacts", "test-assets");
        var photos = Directory.GetFiles(Path.Combine(assets, "photos"), "*.jpg", SearchOption.AllDirectories)
            .Where(f => !f.Contains("video_frames", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (photos.Count == 0)
            throw new InvalidOperationException($"no test photos under {assets}: run scripts/ensure-test-assets.sh");
        var images = photos.Select(File.ReadAllBytes).ToList();

        var modelsFolder = Environment.GetEnvironmentVariable("INSTAINTEL_MODELS") is { Length: > 0 } m ? m : Path.Combine(root, "models");
        // The node's defaults: one intra-op thread per inference (ModelOptions explains why).
        using var registry = new ModelRegistry(new ModelOptions { Directory = modelsFolder });
        var faces = new FaceAnalyser(registry);
        var embedder = new ImageEmbedder(registry);

        // Warm-up, and the per-image shape of the work the baseline repeats: faces found, faces embedded.
        var work = images.Select(bytes =>
        {
            var found = faces.Analyse(RgbaImage.Decode(bytes));
            embedder.Embed(RgbaImage.Decode(bytes));
            return (Faces: found.Count, Embedded: found.Count(f => f.Embedding is not null));
        }).ToList();

        var oursLatencies = new List<double>();
        var sample = RuntimeCounters.Start();
        var phases = new double[3];
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var bytes in images)
            {
                var t0 = Stopwatch.GetTimestamp();
                var image = RgbaImage.Decode(bytes);
                var t1 = Stopwatch.GetTimestamp();
                faces.Analyse(image);
                var t2 = Stopwatch.GetTimestamp();
                embedder.Embed(image);
                var t3 = Stopwatch.GetTimestamp();
                phases[0] += Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                phases[1] += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
                phases[2] += Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
                oursLatencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }
        clock.Stop();
        var counters = sample.Stop().ToDictionary(p => p.Key, p => p.Value);
        var ours = images.Count * Rounds / clock.Elapsed.TotalSeconds;

        using var bare = new BareModels(registry);
        var bareLatencies = new List<double>();
        var bareClock = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (faceCount, embedded) in work)
            {
                var t0 = Stopwatch.GetTimestamp();
                bare.Image(faceCount, embedded);
                bareLatencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }
        bareClock.Stop();
        var baseline = images.Count * Rounds / bareClock.Elapsed.TotalSeconds;

        var total = phases.Sum();
        counters["share_decode"] = Math.Round(phases[0] / total, 3);
        counters["share_faces"] = Math.Round(phases[1] / total, 3);
        counters["share_picture_embedding"] = Math.Round(phases[2] / total, 3);
        var rows = new List<Measurement>
        {
            Measurement.AgainstBaseline("images/s", ours, baseline, "img/s", Target),
            Measurement.Info("latency p50", Percentiles.Of(oursLatencies, 50), Percentiles.Of(bareLatencies, 50), "ms", Better.Lower),
            Measurement.Info("latency p99", Percentiles.Of(oursLatencies, 99), Percentiles.Of(bareLatencies, 99), "ms", Better.Lower),
        };
        var notes = new List<string>
        {
            $"{images.Count} photos x {Rounds} rounds, one image at a time, {work.Sum(w => w.Faces)} faces per round; " +
            "OCR is left out of both sides (its input shapes follow each picture's text boxes).",
            "the media-analysis child does not run the analysers yet (docs/processing.md): 'pipeline' is the analysers the child will call, in process.",
        };
        await Task.CompletedTask;
        return new ScenarioReport(Name, rows, counters, notes, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The pipeline's ONNX sessions alone: the same calls per image on fixed, preallocated inputs.</summary>
    private sealed class BareModels : IDisposable
    {
        private readonly InferenceSession _detector, _landmarker, _faceEmbedder, _preprocess, _imageEmbedder;
        private readonly float[] _detectorInput = Filled(3 * 240 * 320), _landmarkInput = Filled(64 * 64), _faceInput = Filled(3 * 112 * 112), _pictureInput = Filled(3 * 224 * 224);

        public BareModels(ModelRegistry registry)
        {
            _detector = registry.Session(ModelNames.FaceDetector);
            _landmarker = registry.Session(ModelNames.FaceLandmarker);
            _faceEmbedder = registry.Session(ModelNames.FaceEmbedder);
            _preprocess = registry.Session(ModelNames.ImagePreprocess);
            _imageEmbedder = registry.Session(ModelNames.ImageEmbedder);
        }

        public void Image(int faces, int embedded)
        {
            Run(_detector, "input", _detectorInput, [1, 3, 240, 320], "scores", "boxes");
            for (var i = 0; i < faces; i++)
            {
                Run(_landmarker, "input", _landmarkInput, [1, 1, 64, 64], "output");
                if (i < embedded) Run(_faceEmbedder, "input", _faceInput, [1, 3, 112, 112], "output");
            }
            var prepared = Run(_preprocess, "OriginalInput", _pictureInput, [1, 3, 224, 224], "PreprocessedInput");
            Run(_imageEmbedder, "Input247", prepared, [1, 3, 224, 224], "Pooling395_Output_0");
        }

        private static float[] Run(InferenceSession session, string input, float[] values, long[] shape, params string[] outputs)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(values, shape);
            using var options = new RunOptions();
            using var results = session.Run(options, [input], [value], outputs);
            return results[0].GetTensorDataAsSpan<float>().ToArray();
        }

        private static float[] Filled(int length)
        {
            var random = new Random(7);
            return Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
        }

        public void Dispose() { }
    }
}
