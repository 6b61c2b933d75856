using System.Diagnostics;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Benchmarks.Runner;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Models;
using InstaIntel.Intelligence.Ocr;
using InstaIntel.Intelligence.Video;
using InstaIntel.Testing;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace InstaIntel.Benchmarks.Scenarios;

/// <summary>
/// Images per second through the media pipeline the media-analysis child calls, <see cref="LocalMediaAnalyser.ReadAsync"/>
/// (decode; faces: detect, landmarks, align, embed; OCR: detection, tiles, recognition; picture embedding; text
/// embedding), vs the bare ONNX sessions replaying exactly the inferences the pipeline made for each image (same
/// models, same input shapes, the token ids it fed the text model) on inputs prepared beforehand. dlib's real photos
/// from artifacts/test-assets, the real models, the node's options.
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
        // The node's defaults: one intra-op thread per inference, the node-wide gate at one read per core (ModelOptions).
        var options = new ModelOptions { Directory = modelsFolder };
        using var registry = new ModelRegistry(options);
        var embedder = new ImageEmbedder(registry);
        var analyser = new LocalMediaAnalyser(new FaceAnalyser(registry), new OcrEngine(registry), embedder, new TextEmbedder(registry),
            new VideoSummariser(new VideoFrameSampler(), embedder), options.AnalysisConcurrency);

        // Warm-up, recording every inference the pipeline makes per image: what the bare side replays.
        var work = new List<List<Inference>>();
        List<Inference>? recording = null;
        registry.InferenceObserver = (model, names, inputs, outputs) => recording!.Add(Inference.Record(model, names, inputs, outputs));
        foreach (var bytes in images)
        {
            recording = [];
            await analyser.ReadAsync(bytes, "image", cancellationToken);
            work.Add(recording);
        }
        registry.InferenceObserver = null;

        var oursLatencies = new List<double>();
        var sample = RuntimeCounters.Start();
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var bytes in images)
            {
                var t0 = Stopwatch.GetTimestamp();
                await analyser.ReadAsync(bytes, "image", cancellationToken);
                oursLatencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }
        clock.Stop();
        var counters = sample.Stop().ToDictionary(p => p.Key, p => p.Value);
        var ours = images.Count * Rounds / clock.Elapsed.TotalSeconds;

        using var bare = new BareModels(registry, work);
        bare.Warm();
        var bareLatencies = new List<double>();
        var bareClock = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            for (var image = 0; image < work.Count; image++)
            {
                var t0 = Stopwatch.GetTimestamp();
                bare.Image(image);
                bareLatencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }
        bareClock.Stop();
        var baseline = images.Count * Rounds / bareClock.Elapsed.TotalSeconds;

        // Where the bare models spend their time, and what the pipeline adds on top (ours minus bare, per image).
        var bareTotal = bare.Elapsed.Values.Sum(t => t.TotalMilliseconds);
        foreach (var (model, elapsed) in bare.Elapsed.OrderByDescending(p => p.Value))
            counters[$"bare_share_{model}"] = Math.Round(elapsed.TotalMilliseconds / bareTotal, 3);
        counters["pipeline_overhead_ms_per_image"] = Math.Round((clock.Elapsed - bareClock.Elapsed).TotalMilliseconds / (images.Count * Rounds), 2);

        var rows = new List<Measurement>
        {
            Measurement.AgainstBaseline("images/s", ours, baseline, "img/s", Target),
            Measurement.Info("latency p50", Percentiles.Of(oursLatencies, 50), Percentiles.Of(bareLatencies, 50), "ms", Better.Lower),
            Measurement.Info("latency p99", Percentiles.Of(oursLatencies, 99), Percentiles.Of(bareLatencies, 99), "ms", Better.Lower),
        };
        var perModel = work.SelectMany(w => w).GroupBy(i => i.Model).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        var notes = new List<string>
        {
            $"{images.Count} photos x {Rounds} rounds through LocalMediaAnalyser.ReadAsync, one image at a time (gate {analyser.Concurrency}); " +
            $"inferences per round: {string.Join(", ", perModel)}.",
            "baseline: the same sessions run the recorded inferences of each image (same input shapes; the text model gets the recorded token ids) " +
            "on inputs built before timing, one RunOptions, outputs never copied.",
        };
        return new ScenarioReport(Name, rows, counters, notes, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>One inference as the pipeline made it: the model, its inputs' shapes and types (integer inputs' values too).</summary>
    private sealed record Inference(string Model, string[] InputNames, InputTensor[] Inputs, string[] OutputNames)
    {
        public static Inference Record(string model, string[] names, OrtValue[] inputs, string[] outputs) =>
            new(model, names, inputs.Select(InputTensor.Of).ToArray(), outputs);
    }

    private sealed record InputTensor(long[] Shape, TensorElementType Type, long[]? Int64Values)
    {
        public static InputTensor Of(OrtValue value)
        {
            var info = value.GetTensorTypeAndShape();
            return info.ElementDataType switch
            {
                TensorElementType.Float => new InputTensor(info.Shape, info.ElementDataType, null),
                TensorElementType.Int64 => new InputTensor(info.Shape, info.ElementDataType, value.GetTensorDataAsSpan<long>().ToArray()),
                var other => throw new NotSupportedException($"an input of {other}"),
            };
        }

        public string Key => $"{Type}:{string.Join('x', Shape)}";
    }

    /// <summary>The pipeline's ONNX sessions alone: each image's recorded inferences, every input value created before timing.</summary>
    private sealed class BareModels : IDisposable
    {
        private readonly List<(InferenceSession Session, string Model, string[] Inputs, OrtValue[] Values, string[] Outputs)[]> _images;
        private readonly Dictionary<string, OrtValue> _floatInputs = new(StringComparer.Ordinal);
        private readonly List<OrtValue> _owned = [];
        private readonly RunOptions _runOptions = new();

        public BareModels(ModelRegistry registry, IReadOnlyList<List<Inference>> work)
        {
            var random = new Random(7);
            _images = work.Select(inferences => inferences.Select(i => (registry.Session(i.Model), i.Model, i.InputNames,
                i.Inputs.Select(input => Value(input, random)).ToArray(), i.OutputNames)).ToArray()).ToList();
        }

        /// <summary>Time spent in each model's runs.</summary>
        public Dictionary<string, TimeSpan> Elapsed { get; } = new(StringComparer.Ordinal);

        public void Warm()
        {
            for (var image = 0; image < _images.Count; image++)
                Image(image);
            Elapsed.Clear();
        }

        public void Image(int image)
        {
            foreach (var (session, model, inputs, values, outputs) in _images[image])
            {
                var t0 = Stopwatch.GetTimestamp();
                using (session.Run(_runOptions, inputs, values, outputs)) { }
                Elapsed[model] = Elapsed.GetValueOrDefault(model) + Stopwatch.GetElapsedTime(t0);
            }
        }

        // Float inputs of one shape share one random tensor (ONNX Runtime only reads it); integer inputs keep their values.
        private OrtValue Value(InputTensor input, Random random)
        {
            if (input.Int64Values is { } values)
            {
                var owned = OrtValue.CreateTensorValueFromMemory(values, input.Shape);
                _owned.Add(owned);
                return owned;
            }
            if (!_floatInputs.TryGetValue(input.Key, out var value))
            {
                var data = new float[input.Shape.Aggregate(1L, (a, b) => a * b)];
                for (var i = 0; i < data.Length; i++)
                    data[i] = (float)random.NextDouble();
                value = OrtValue.CreateTensorValueFromMemory(data, input.Shape);
                _floatInputs[input.Key] = value;
            }
            return value;
        }

        public void Dispose()
        {
            foreach (var value in _floatInputs.Values.Concat(_owned))
                value.Dispose();
            _runOptions.Dispose();
        }
    }
}
