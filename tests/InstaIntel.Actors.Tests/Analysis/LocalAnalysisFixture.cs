using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Models;
using InstaIntel.Intelligence.Ocr;
using InstaIntel.Intelligence.Video;
using InstaIntel.Storage.Analysis;
using InstaIntel.Testing;

namespace InstaIntel.Actors.Tests.Analysis;

/// <summary>The real ONNX models (scripts/ensure-models.sh), loaded once for every test that analyses media (two cores).</summary>
public sealed class LocalAnalysisFixture : IDisposable
{
    public LocalAnalysisFixture()
    {
        var missing = ModelManifest.Embedded().Models.Where(m => !File.Exists(Path.Combine(ModelsFolder.Path, m.File))).Select(m => m.File).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"models missing under {ModelsFolder.Path} ({string.Join(", ", missing)}): run scripts/ensure-models.sh");
        Registry = new ModelRegistry(new ModelOptions { Directory = ModelsFolder.Path });
        var images = new ImageEmbedder(Registry);
        Analyser = new LocalMediaAnalyser(new FaceAnalyser(Registry), new OcrEngine(Registry), images, new TextEmbedder(Registry),
            new VideoSummariser(new VideoFrameSampler(), images));
    }

    public ModelRegistry Registry { get; }

    public LocalMediaAnalyser Analyser { get; }

    public void Dispose() => Registry.Dispose();
}

[CollectionDefinition(Name)]
public sealed class LocalAnalysisCollection : ICollectionFixture<LocalAnalysisFixture>
{
    public const string Name = "local-analysis";
}

/// <summary>Counts the calls that reach a real provider: the proof that a cache hit ran no inference.</summary>
public sealed class CountingProvider(IAiProvider inner) : IAiProvider
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string Name => inner.Name;

    public bool Supports(string purpose) => inner.Supports(purpose);

    public Task<ProviderAnswer> RunAsync(AiRequest request, ProviderSettings settings, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return inner.RunAsync(request, settings, cancellationToken);
    }

    public Task<InstaIntel.Domain.Analysis.AiHealthResult> ProbeAsync(ProviderSettings settings, CancellationToken cancellationToken) =>
        inner.ProbeAsync(settings, cancellationToken);
}

/// <summary>
/// Holds every call until <see cref="Open"/>, deaf to cancellation as a model's inference is once it runs, then hands it
/// to the real provider: what a run aborted mid-analysis leaves behind.
/// </summary>
public sealed class GatedProvider(IAiProvider inner) : IAiProvider
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first call arrives.</summary>
    public Task Entered => _entered.Task;

    public void Open() => _open.TrySetResult();

    public string Name => inner.Name;

    public bool Supports(string purpose) => inner.Supports(purpose);

    public async Task<ProviderAnswer> RunAsync(AiRequest request, ProviderSettings settings, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _open.Task;
        return await inner.RunAsync(request, settings, CancellationToken.None);
    }

    public Task<InstaIntel.Domain.Analysis.AiHealthResult> ProbeAsync(ProviderSettings settings, CancellationToken cancellationToken) =>
        inner.ProbeAsync(settings, cancellationToken);
}
