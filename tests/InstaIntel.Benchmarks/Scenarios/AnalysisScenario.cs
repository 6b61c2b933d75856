using System.Diagnostics;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Benchmarks.Runner;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Imaging;
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
/// models, the very input values it fed them) on OrtValues prepared beforehand. dlib's real photos from
/// artifacts/test-assets, the real models, the node's options.
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

        // Warm-up; then one pass recording every inference the pipeline makes per image (what the bare side replays)
        // and the time each spent in its session.
        foreach (var bytes in images)
            await analyser.ReadAsync(bytes, "image", cancellationToken);
        var work = new List<List<Inference>>();
        var inSession = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        List<Inference>? recording = null;
        registry.InferenceObserver = (model, names, inputs, outputs, elapsed) =>
        {
            recording!.Add(Inference.Record(model, names, inputs, outputs));
            inSession[model] = inSession.GetValueOrDefault(model) + elapsed;
        };
        foreach (var bytes in images)
        {
            recording = [];
            await analyser.ReadAsync(bytes, "image", cancellationToken);
            work.Add(recording);
        }
        registry.InferenceObserver = null;

        // Rounds alternate ours and bare, so that a drift in the shared machine's speed falls on both sides alike; the
        // runtime counters are taken over our passes only and added up.
        using var bare = new BareModels(registry, work);
        bare.Warm();
        var oursLatencies = new List<double>();
        var bareLatencies = new List<double>();
        var passes = new List<IReadOnlyDictionary<string, double>>();
        var clock = new Stopwatch();
        var bareClock = new Stopwatch();
        for (var round = 0; round < Rounds; round++)
        {
            var sample = RuntimeCounters.Start();
            clock.Start();
            foreach (var bytes in images)
            {
                var t0 = Stopwatch.GetTimestamp();
                await analyser.ReadAsync(bytes, "image", cancellationToken);
                oursLatencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            clock.Stop();
            passes.Add(sample.Stop());

            bareClock.Start();
            for (var image = 0; image < work.Count; image++)
            {
                var t0 = Stopwatch.GetTimestamp();
                bare.Image(image);
                bareLatencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            bareClock.Stop();
        }
        var counters = Combine(passes);
        var ours = images.Count * Rounds / clock.Elapsed.TotalSeconds;
        var baseline = images.Count * Rounds / bareClock.Elapsed.TotalSeconds;

        // Where the bare models spend their time; the pipeline's own inferences (recording pass, one round) beside them;
        // and what the pipeline adds per image outside the sessions.
        var bareTotal = bare.Elapsed.Values.Sum(t => t.TotalMilliseconds);
        foreach (var (model, elapsed) in bare.Elapsed.OrderByDescending(p => p.Value))
        {
            counters[$"bare_share_{model}"] = Math.Round(elapsed.TotalMilliseconds / bareTotal, 3);
            counters[$"ms_per_round_{model}_pipeline"] = Math.Round(inSession.GetValueOrDefault(model).TotalMilliseconds);
            counters[$"ms_per_round_{model}_bare"] = Math.Round(elapsed.TotalMilliseconds / Rounds);
        }
        // (The recording pass's wall time is not a figure: it copies every input it records.)
        counters["recording_round_in_sessions_ms"] = Math.Round(inSession.Values.Sum(t => t.TotalMilliseconds));
        // Decoding alone (part of the pipeline, not of the bare side), timed once more after the rounds.
        var decodeClock = Stopwatch.StartNew();
        foreach (var bytes in images)
            RgbaImage.Decode(bytes);
        counters["decode_ms_per_image"] = Math.Round(decodeClock.Elapsed.TotalMilliseconds / images.Count, 2);
        counters["pipeline_minus_bare_ms_per_image"] = Math.Round((clock.Elapsed - bareClock.Elapsed).TotalMilliseconds / (images.Count * Rounds), 2);

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
            "baseline: the same sessions run the recorded inferences of each image on the very input values the pipeline fed them, " +
            "OrtValues built before timing, one RunOptions, outputs never copied; rounds alternate ours and bare.",
        };
        return new ScenarioReport(Name, rows, counters, notes, Stopwatch.GetElapsedTime(started));
    }

    // Counters of several passes as if taken over one: totals added, peaks maximised, shares weighted by wall time.
    private static Dictionary<string, double> Combine(IReadOnlyList<IReadOnlyDictionary<string, double>> passes)
    {
        var combined = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in passes[0].Keys)
        {
            combined[key] = key switch
            {
                "cpu_utilisation" or "gc_pause_share" => 0,
                _ when key.EndsWith("_peak", StringComparison.Ordinal) => passes.Max(p => p[key]),
                _ => Math.Round(passes.Sum(p => p[key]), 2),
            };
        }
        var wall = combined["wall_s"];
        combined["cpu_utilisation"] = Math.Round(combined["cpu_s"] / (wall * Environment.ProcessorCount), 3);
        combined["gc_pause_share"] = Math.Round(passes.Sum(p => p["gc_pause_share"] * p["wall_s"]) / wall, 4);
        return combined;
    }

    /// <summary>One inference as the pipeline made it: the model, its inputs' shapes, types and values.</summary>
    private sealed record Inference(string Model, string[] InputNames, InputTensor[] Inputs, string[] OutputNames)
    {
        public static Inference Record(string model, string[] names, OrtValue[] inputs, string[] outputs) =>
            new(model, names, inputs.Select(InputTensor.Of).ToArray(), outputs);
    }

    private sealed record InputTensor(long[] Shape, float[]? Floats, long[]? Int64s)
    {
        public static InputTensor Of(OrtValue value)
        {
            var info = value.GetTensorTypeAndShape();
            return info.ElementDataType switch
            {
                TensorElementType.Float => new InputTensor(info.Shape, value.GetTensorDataAsSpan<float>().ToArray(), null),
                TensorElementType.Int64 => new InputTensor(info.Shape, null, value.GetTensorDataAsSpan<long>().ToArray()),
                var other => throw new NotSupportedException($"an input of {other}"),
            };
        }
    }

    /// <summary>
    /// The pipeline's ONNX sessions alone: each image's recorded inferences on the very input values the pipeline fed
    /// them (about 170 MB for the 69 photos), every OrtValue created before timing.
    /// </summary>
    private sealed class BareModels : IDisposable
    {
        private readonly List<(InferenceSession Session, string Model, string[] Inputs, OrtValue[] Values, string[] Outputs)[]> _images;
        private readonly List<OrtValue> _owned = [];
        private readonly RunOptions _runOptions = new();

        public BareModels(ModelRegistry registry, IReadOnlyList<List<Inference>> work)
        {
            _images = work.Select(inferences => inferences.Select(i => (registry.Session(i.Model), i.Model, i.InputNames,
                i.Inputs.Select(Value).ToArray(), i.OutputNames)).ToArray()).ToList();
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

        private OrtValue Value(InputTensor input)
        {
            var value = input.Floats is { } floats
                ? OrtValue.CreateTensorValueFromMemory(floats, input.Shape)
                : OrtValue.CreateTensorValueFromMemory(input.Int64s!, input.Shape);
            _owned.Add(value);
            return value;
        }

        public void Dispose()
        {
            foreach (var value in _owned)
                value.Dispose();
            _runOptions.Dispose();
        }
    }
}
