using System.ComponentModel;
using InstaIntel.Cli.Rendering;
using Spectre.Console.Cli;

namespace InstaIntel.Cli.Commands;

[Description("The shard regions (entity types) of the cluster")]
public sealed class ShardingRegionsCommand(CliEnvironment environment) : NodeCommand<NodeSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, NodeSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.GetAsync<ShardingRegions>("/api/admin/sharding/regions", cancellationToken), Tables.Regions);
}

public sealed class ShardingStatsSettings : NodeSettings
{
    [CommandOption("--region <NAME>")]
    [Description("The region's type name")]
    [DefaultValue("account")]
    public string Region { get; set; } = "account";

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long each node may take to answer")]
    [DefaultValue(5)]
    public int Timeout { get; set; } = 5;
}

[Description("Shards and entities of a region on every node")]
public sealed class ShardingStatsCommand(CliEnvironment environment) : NodeCommand<ShardingStatsSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, ShardingStatsSettings settings, CancellationToken cancellationToken)
    {
        var path = $"/api/admin/sharding/stats?region={Uri.EscapeDataString(settings.Region)}&timeoutSeconds={settings.Timeout}";
        var answer = await WithSpinner(settings, $"gathering shard stats of {settings.Region} from every node",
            () => node.GetAsync<ShardingStats>(path, cancellationToken));
        return Show(settings, answer, Tables.ShardingStats);
    }
}
