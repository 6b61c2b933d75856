namespace InstaIntel.Intelligence.Models;

/// <summary>Where the models live and how they run, bound from <c>InstaIntel:Models</c>.</summary>
public sealed record ModelOptions
{
    public const string Section = "InstaIntel:Models";

    /// <summary>The folder scripts/ensure-models.sh fills; a relative path is relative to the working directory.</summary>
    public string Directory { get; init; } = "models";

    /// <summary>
    /// Threads one inference may use. One by default: a node analyses many media at once, so parallelism across
    /// media beats parallelism inside one model on a small machine.
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>
    /// Media read at once by the whole node, whatever the number of accounts (0: one per core). Each account's analysis
    /// stream asks for a few at a time; without a node-wide bound a hundred accounts per node decode and hold hundreds of
    /// pictures and video frames at once, and memory grows while throughput does not.
    /// </summary>
    public int MaxConcurrentAnalyses { get; init; }

    /// <summary>The bound in force: <see cref="MaxConcurrentAnalyses"/>, or the core count.</summary>
    public int AnalysisConcurrency => MaxConcurrentAnalyses > 0 ? MaxConcurrentAnalyses : Environment.ProcessorCount;

    /// <summary>Per model name of the manifest: another file to load instead (same tensor contract), with its sha256.</summary>
    public Dictionary<string, ModelOverride> Overrides { get; init; } = new(StringComparer.Ordinal);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
            throw new InvalidOperationException($"{Section}:Directory must name the models folder");
        if (IntraOpThreads < 1)
            throw new InvalidOperationException($"{Section}:IntraOpThreads must be at least 1");
        if (MaxConcurrentAnalyses < 0)
            throw new InvalidOperationException($"{Section}:MaxConcurrentAnalyses may not be negative (0 means one per core)");
        foreach (var (name, swap) in Overrides)
        {
            if (string.IsNullOrWhiteSpace(swap.File))
                throw new InvalidOperationException($"{Section}:Overrides:{name}:File is required");
            if (!ModelManifestEntry.IsSha256(swap.Sha256))
                throw new InvalidOperationException($"{Section}:Overrides:{name}:Sha256 must be the 64 hex digits of the file's sha256: a swapped model is verified like a shipped one");
        }
    }
}
