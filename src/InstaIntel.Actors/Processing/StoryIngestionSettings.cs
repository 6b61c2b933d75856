namespace InstaIntel.Actors.Processing;

/// <summary>Bound from <c>InstaIntel:Processing:Stories</c>.</summary>
public sealed class StoryIngestionSettings
{
    public const string Section = "InstaIntel:Processing:Stories";

    /// <summary>New stories taken per run (BEHAVIOUR.md: a batch of 10); the rest wait for the next run.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>How the tray, reel and media requests are paced under the account's budget.</summary>
    public RequestPacingSettings Pacing { get; set; } = new();

    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentException($"{Section}:BatchSize must be at least 1");
        Pacing.Validate(Section);
    }
}
