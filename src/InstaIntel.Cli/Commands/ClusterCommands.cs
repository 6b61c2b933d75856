using System.ComponentModel;
using InstaIntel.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace InstaIntel.Cli.Commands;

[Description("Members with status, roles, age, up-since and reachability; the leader")]
public sealed class ClusterShowCommand(CliEnvironment environment) : NodeCommand<NodeSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, NodeSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.GetAsync<ClusterState>("/api/admin/cluster", cancellationToken), Tables.Cluster);
}

public sealed class ClusterMemberSettings : NodeSettings
{
    [CommandArgument(0, "<address>")]
    [Description("The member's Akka address, e.g. akka.tcp://instaintel@10.0.0.5:4053 (cluster show lists them)")]
    public string Address { get; set; } = "";
}

[Description("Ask a member to leave the cluster gracefully (its shards move to the others)")]
public sealed class ClusterLeaveCommand(CliEnvironment environment) : ClusterMemberCommand(environment, "leave");

[Description("Mark an unreachable member down (the split-brain resolver does this by itself; use when you know it is dead)")]
public sealed class ClusterDownCommand(CliEnvironment environment) : ClusterMemberCommand(environment, "down");

/// <summary><c>cluster leave</c> and <c>cluster down</c>: one POST each, with the address in the body.</summary>
public abstract class ClusterMemberCommand(CliEnvironment environment, string action) : NodeCommand<ClusterMemberSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, ClusterMemberSettings settings, CancellationToken cancellationToken)
    {
        var answer = await WithSpinner(settings, $"asking the cluster to {action} {settings.Address}",
            () => node.PostAsync<ClusterCommandAccepted>($"/api/admin/cluster/{action}", new { address = settings.Address }, cancellationToken));
        return Show(settings, answer, accepted => Tables.Line(
            $"{accepted.Action} of {accepted.Address} handed to the cluster; `instaintel cluster show` follows it"));
    }
}
