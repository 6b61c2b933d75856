namespace InstaIntel.Actors.Processing;

/// <summary>Settings of <c>media-analysis</c>, bound from <c>InstaIntel:Processing:Media</c>.</summary>
public sealed class MediaAnalysisSettings
{
    /// <summary>Media (stories first, then profile posts) analysed in one run; the rest waits for the next.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Media read at once (inference on the thread pool). Two cores: two. Writes stay one at a time.</summary>
    public int Parallelism { get; set; } = 2;

    /// <summary>
    /// Workspace-actions runs (analysis, insights, workspace queue) under way at once on the node, across all its accounts;
    /// 0: one per core. An account whose media wait while the node is full runs its other due phases and tries again at
    /// a later tick, so a node with hundreds of accounts holds a few runs' media and models in memory, not hundreds.
    /// </summary>
    public int MaxConcurrentRuns { get; set; }

    public void Validate()
    {
        if (BatchSize < 1) throw new InvalidOperationException("InstaIntel:Processing:Media:BatchSize must be at least 1");
        if (Parallelism < 1) throw new InvalidOperationException("InstaIntel:Processing:Media:Parallelism must be at least 1");
        if (MaxConcurrentRuns < 0) throw new InvalidOperationException("InstaIntel:Processing:Media:MaxConcurrentRuns may not be negative (0 means one per core)");
    }
}
