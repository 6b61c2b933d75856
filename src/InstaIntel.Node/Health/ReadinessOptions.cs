namespace InstaIntel.Node.Health;

/// <summary>Bound from <c>InstaIntel:Health</c>.</summary>
public sealed class ReadinessOptions
{
    public const string Section = "InstaIntel:Health";

    /// <summary>How long the journal probe may take to recover, write and delete before the node counts as not ready.</summary>
    public TimeSpan JournalProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long any one readiness check may take.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
