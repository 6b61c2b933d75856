namespace InstaIntel.Actors.Hosting;

/// <summary>How this node joins its cluster, bound from <c>InstaIntel:Cluster</c>.</summary>
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
}
