namespace InstaIntel.Node.Health;

/// <summary>Queue and AI health checks (BEHAVIOUR.md 8), bound from <c>InstaIntel:Health</c>.</summary>
public sealed class HealthCheckOptions
{
    public const string Section = "InstaIntel:Health";

    public bool Enabled { get; set; } = true;

    /// <summary>How often both checks run.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A stream's backlog of one kind above this raises a <c>queue_backlog</c> issue.</summary>
    public long BacklogThreshold { get; set; } = 500;

    /// <summary>An account actor (entity or child) with more queued messages than this raises a <c>queue_mailbox</c> issue.</summary>
    public int MailboxThreshold { get; set; } = 1000;

    /// <summary>How long a provider has to answer the reachability probe.</summary>
    public TimeSpan AiProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
