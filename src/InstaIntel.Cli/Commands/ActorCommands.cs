using System.ComponentModel;
using InstaIntel.Cli.Rendering;
using Spectre.Console.Cli;

namespace InstaIntel.Cli.Commands;

public sealed class ActorHierarchySettings : NodeSettings
{
    [CommandOption("--path <PATH>")]
    [Description("Start at this actor, e.g. /system/sharding/account (default: /user and /system/sharding)")]
    public string? Path { get; set; }

    [CommandOption("--depth <LEVELS>")]
    [Description("Levels below each start (0-20)")]
    [DefaultValue(5)]
    public int Depth { get; set; } = 5;
}

[Description("The answering node's actor tree: shard regions, shards, account entities and their children")]
public sealed class ActorHierarchyCommand(CliEnvironment environment) : NodeCommand<ActorHierarchySettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, ActorHierarchySettings settings, CancellationToken cancellationToken)
    {
        var path = $"/api/admin/actors?depth={settings.Depth}" + (settings.Path is { } root ? $"&path={Uri.EscapeDataString(root)}" : "");
        return ShowLines(settings, await node.GetAsync<ActorHierarchy>(path, cancellationToken), Tables.Hierarchy);
    }
}
