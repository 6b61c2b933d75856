namespace InstaIntel.Actors.Processing;

/// <summary>Settings of <c>media-analysis</c>, bound from <c>InstaIntel:Processing:Media</c>.</summary>
public sealed class MediaAnalysisSettings
{
    /// <summary>Media (stories first, then profile posts) analysed in one run; the rest waits for the next.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Media read at once (inference on the thread pool). Two cores: two. Writes stay one at a time.</summary>
    public int Parallelism { get; set; } = 2;

    public void Validate()
    {
        if (BatchSize < 1) throw new InvalidOperationException("InstaIntel:Processing:Media:BatchSize must be at least 1");
        if (Parallelism < 1) throw new InvalidOperationException("InstaIntel:Processing:Media:Parallelism must be at least 1");
    }
}
