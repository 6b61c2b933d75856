namespace InstaIntel.Actors.Hosting;

/// <summary>How this node joins its cluster and how the cluster reacts to a lost node, bound from <c>InstaIntel:Cluster</c>.</summary>
public sealed class ClusterSettings
{
    public const string Section = "InstaIntel:Cluster";

    public string ActorSystemName { get; set; } = "instaintel";

    /// <summary>Address Akka.Remote binds to.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>Akka.Remote port; 0 picks a free one (tests, single node).</summary>
    public int Port { get; set; } = 4053;

    /// <summary>Address other nodes reach this one at, when it differs from <see cref="Hostname"/> (containers).</summary>
    public string? PublicHostname { get; set; }

    /// <summary>Static seed nodes (<c>akka.tcp://instaintel@host:port</c>). Empty: this node forms a cluster of its own.</summary>
    public string[] SeedNodes { get; set; } = [];

    public string[] Roles { get; set; } = [];

    /// <summary>Heartbeats between members (Akka's phi-accrual failure detector).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Heartbeats may pause this long before a member is marked unreachable. Above Akka's 3 s so a busy machine
    /// (GC, a starved thread pool, a Chromium burst) is not mistaken for a dead node.
    /// </summary>
    public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The split-brain resolver (keep-majority) acts once the set of unreachable members has not changed for this
    /// long; it is also the margin before a downed member's shards move. Twice the heartbeat pause, as Akka's sizing
    /// table suggests for clusters of up to ten nodes: a dead node's accounts run elsewhere about 15–20 s after it died.
    /// </summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Shards the least-shard allocation strategy moves in one rebalance round (Akka's newer algorithm when above 0).</summary>
    public int RebalanceAbsoluteLimit { get; set; } = 20;

    /// <summary>How often the shard coordinator looks for an uneven spread (a node that joined gets shards within this).</summary>
    public TimeSpan RebalanceInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a starting shard waits for its remembered accounts before Akka restarts it (and drops what it had
    /// buffered). The load waits behind every account recovering on the node, so it must cover a whole recovery wave:
    /// 30 s is some 60,000 accounts at the measured ~2,000 recoveries/s (docs/performance.md, section 2).
    /// </summary>
    public TimeSpan RememberedEntitiesLoadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks what cannot work before the actor system starts.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ActorSystemName)) throw new InvalidOperationException($"{Section}:ActorSystemName must not be empty.");
        if (Port is < 0 or > 65535) throw new InvalidOperationException($"{Section}:Port must be 0..65535, not {Port}.");
        foreach (var seed in SeedNodes)
            if (!seed.StartsWith($"akka.tcp://{ActorSystemName}@", StringComparison.Ordinal))
                throw new InvalidOperationException($"{Section}:SeedNodes entry '{seed}' must look like akka.tcp://{ActorSystemName}@host:port.");
        if (HeartbeatInterval <= TimeSpan.Zero || AcceptableHeartbeatPause <= HeartbeatInterval)
            throw new InvalidOperationException($"{Section}:AcceptableHeartbeatPause must exceed HeartbeatInterval (> 0).");
        if (StableAfter < AcceptableHeartbeatPause)
            throw new InvalidOperationException(
                $"{Section}:StableAfter ({StableAfter}) must be at least AcceptableHeartbeatPause ({AcceptableHeartbeatPause}): " +
                "otherwise the resolver may down a member that is only slow.");
        if (RememberedEntitiesLoadTimeout < TimeSpan.FromSeconds(5))
            throw new InvalidOperationException($"{Section}:RememberedEntitiesLoadTimeout must be at least 5 s (Akka's own default).");
        if (RebalanceAbsoluteLimit < 1) throw new InvalidOperationException($"{Section}:RebalanceAbsoluteLimit must be at least 1.");
    }
}
