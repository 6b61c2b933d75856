namespace InstaIntel.Actors.Processing;

/// <summary>Bound from <c>InstaIntel:Processing:Stories</c>.</summary>
public sealed class StoryIngestionSettings
{
    public const string Section = "InstaIntel:Processing:Stories";

    /// <summary>New stories taken per run (BEHAVIOUR.md: a batch of 10); the rest wait for the next run.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>Stories stored at once. One keeps SQLite's single writer uncontended; the request budget, not the
    /// round trips, is the limit at real budgets (a request every few seconds).</summary>
    public int Parallelism { get; set; } = 1;
}
