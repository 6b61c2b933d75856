namespace InstaIntel.Actors.Processing;

/// <summary>Bound from <c>InstaIntel:Processing:Stories</c>.</summary>
public sealed class StoryIngestionSettings
{
    public const string Section = "InstaIntel:Processing:Stories";

    /// <summary>New stories taken per run (BEHAVIOUR.md: a batch of 10); the rest wait for the next run.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>Reels fetched at once (each is one request through the throttle).</summary>
    public int Parallelism { get; set; } = 1;
}
