namespace InstaIntel.Node.Health;

/// <summary>
/// The queue and AI health checks (BEHAVIOUR.md 8) that raise app issues and feed the coordinator's AI verdict,
/// bound from <c>InstaIntel:Health:Monitor</c>. (<c>/readyz</c> has its own keys in <see cref="ReadinessOptions"/>.)
/// </summary>
public sealed class HealthMonitorOptions
{
    public const string Section = "InstaIntel:Health:Monitor";
    public const string AccountRegionPath = "/system/sharding/account";

    /// <summary>Off: no periodic checks (the AI verdict stays healthy, no queue or AI issues are raised).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often both checks run; the first runs when the node starts.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A stream's backlog of one kind above this raises a <c>queue_backlog</c> issue.</summary>
    public long BacklogThreshold { get; set; } = 500;

    /// <summary>An actor with more queued messages than this raises a <c>queue_mailbox</c> issue.</summary>
    public int MailboxThreshold { get; set; } = 1000;

    /// <summary>The subtrees whose mailboxes are watched; empty means the account region (its shards, entities and their children).</summary>
    public string[] MailboxRoots { get; set; } = [];

    /// <summary>Levels below each root (3 reaches region / shard / entity / child).</summary>
    public int MailboxDepth { get; set; } = 3;

    /// <summary>How long one provider has to answer its health probe.</summary>
    public TimeSpan AiProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Roots => MailboxRoots.Length == 0 ? [AccountRegionPath] : MailboxRoots;

    public void Validate()
    {
        if (Interval <= TimeSpan.Zero) throw new InvalidOperationException($"{Section}:Interval must be positive");
        if (BacklogThreshold < 0) throw new InvalidOperationException($"{Section}:BacklogThreshold must not be negative");
        if (MailboxThreshold < 0) throw new InvalidOperationException($"{Section}:MailboxThreshold must not be negative");
        if (MailboxDepth < 0) throw new InvalidOperationException($"{Section}:MailboxDepth must not be negative");
        if (AiProbeTimeout <= TimeSpan.Zero) throw new InvalidOperationException($"{Section}:AiProbeTimeout must be positive");
    }
}
