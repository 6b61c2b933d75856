using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace InstaIntel.Intelligence.Models;

/// <summary>
/// Every model of a node goes through here: one <see cref="InferenceSession"/> per model per process (sessions are
/// thread-safe and costly to build), created on first use after the file's sha256 matched the manifest.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    private readonly ModelOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<InferenceSession>> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<VerifiedModel>> _verified = new(StringComparer.Ordinal);
    private volatile bool _disposed;
    // Inferences under way: disposing a session under one frees native memory it is reading (the process dies with SIGSEGV).
    private int _running;

    public ModelRegistry(ModelOptions options, ILogger<ModelRegistry>? logger = null)
        : this(options, ModelManifest.Embedded(), logger)
    {
    }

    public ModelRegistry(ModelOptions options, ModelManifest manifest, ILogger<ModelRegistry>? logger = null)
    {
        options.Validate();
        _options = options;
        Manifest = manifest;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        foreach (var name in options.Overrides.Keys)
            _ = manifest[name];
    }

    public ModelManifest Manifest { get; }

    public ModelOptions Options => _options;

    /// <summary>The session of a model, built once; throws <see cref="ModelIntegrityException"/> for a missing or altered file.</summary>
    public InferenceSession Session(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var lazy = _sessions.GetOrAdd(name, n => new Lazy<InferenceSession>(() => CreateSession(n), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failure is not cached: once the file is fixed, the next call tries again.
            _sessions.TryRemove(new KeyValuePair<string, Lazy<InferenceSession>>(name, lazy));
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="infer"/> on the model's session. Disposing the registry (the host stopping) waits for the
    /// inferences under way rather than freeing a session one of them is still reading.
    /// </summary>
    public T Use<T>(string name, Func<InferenceSession, T> infer)
    {
        Interlocked.Increment(ref _running);
        try
        {
            // Checked after counting in: a dispose that began earlier sees this inference or this one sees the flag.
            ObjectDisposedException.ThrowIf(_disposed, this);
            return infer(Session(name));
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>
    /// Sees every inference the analysers make (model, input names, inputs, output names, time in the session) once it
    /// ran, before its outputs are read. Null in a node; the analysis benchmark records with it what it then replays on
    /// the bare sessions.
    /// </summary>
    internal Action<string, string[], OrtValue[], string[], TimeSpan>? InferenceObserver { get; set; }

    /// <summary>Inferences running now through <see cref="Use{T}"/>.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The model's verified file and the label of its version (data files such as dictionaries included).</summary>
    public VerifiedModel Verified(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var lazy = _verified.GetOrAdd(name, n => new Lazy<VerifiedModel>(() => Verify(n), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _verified.TryRemove(new KeyValuePair<string, Lazy<VerifiedModel>>(name, lazy));
            throw;
        }
    }

    /// <summary>Checks every file of the manifest now (at start-up), instead of at first use.</summary>
    public IReadOnlyList<VerifiedModel> VerifyAll() => Manifest.Models.Select(m => Verified(m.Name)).ToList();

    private InferenceSession CreateSession(string name)
    {
        var model = Verified(name);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = _options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var session = new InferenceSession(model.Path, options);
        _logger.LogInformation("Loaded model {Model} ({Version}) from {Path} in {Elapsed} ms",
            name, model.Version, model.Path, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return session;
    }

    private VerifiedModel Verify(string name)
    {
        var entry = Manifest[name];
        var (file, expected, source) = _options.Overrides.TryGetValue(name, out var swap)
            ? (swap.File, swap.Sha256.ToLowerInvariant(), swap.Source)
            : (entry.File, entry.Sha256.ToLowerInvariant(), entry.Source);
        var path = Path.GetFullPath(Path.Combine(_options.Directory, file));
        if (!File.Exists(path))
            throw new ModelIntegrityException(
                $"model '{name}' not found at {path}: run scripts/ensure-models.sh (or set {ModelOptions.Section}:Directory)");
        string actual;
        using (var stream = File.OpenRead(path))
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (actual != expected)
            throw new ModelIntegrityException(
                $"model '{name}' at {path} has sha256 {actual}, expected {expected} ({source}): refusing to load an altered or different file; run scripts/ensure-models.sh");
        return new VerifiedModel(name, path, actual, source, $"{name}@{actual[..12]}");
    }

    public void Dispose()
    {
        _disposed = true;
        // No new inference starts now; those under way finish (one takes well under a second) before the sessions go.
        // If one does not, its sessions are left to the process's exit rather than freed under it.
        if (!SpinWait.SpinUntil(() => Volatile.Read(ref _running) == 0, DisposeWait))
        {
            _logger.LogWarning("{Count} inferences still running after {Wait}: the model sessions are not disposed", Running, DisposeWait);
            return;
        }
        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated)
                lazy.Value.Dispose();
        }
        _sessions.Clear();
    }

    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(10);
}
