using System.ComponentModel;
using InstaIntel.Cli.Rendering;
using Spectre.Console.Cli;

namespace InstaIntel.Cli.Commands;

public sealed class IssueListSettings : NodeSettings
{
    [CommandOption("--status <STATUS>")]
    [Description("open, pending or resolved (default: all)")]
    public string? Status { get; set; }

    [CommandOption("--severity <SEVERITY>")]
    [Description("info, warn, error or critical")]
    public string? Severity { get; set; }

    [CommandOption("--type <TYPE>")]
    [Description("e.g. job_failure, authentication_required, queue_backlog, ai_unhealthy")]
    public string? Type { get; set; }

    [CommandOption("--limit <N>")]
    [Description("Rows (1-500), most recently seen first")]
    [DefaultValue(100)]
    public int Limit { get; set; } = 100;

    internal string Route()
    {
        var query = new List<string> { $"limit={Limit}" };
        if (Status is { } status) query.Add($"status={Uri.EscapeDataString(status)}");
        if (Severity is { } severity) query.Add($"severity={Uri.EscapeDataString(severity)}");
        if (Type is { } type) query.Add($"type={Uri.EscapeDataString(type)}");
        return "/api/admin/issues?" + string.Join("&", query);
    }
}

public class IssueSettings : NodeSettings
{
    [CommandArgument(0, "<id>")]
    public long Id { get; set; }
}

public sealed class IssueResolveSettings : IssueSettings
{
    [CommandOption("--notes <TEXT>")]
    [Description("What was done, shown by issues show")]
    public string? Notes { get; set; }
}

[Description("Deduplicated problems, most recently seen first (filters: --status, --severity, --type)")]
public sealed class IssuesListCommand(CliEnvironment environment) : NodeCommand<IssueListSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, IssueListSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.GetAsync<IssueList>(settings.Route(), cancellationToken), Tables.Issues);
}

[Description("One issue in full")]
public sealed class IssuesShowCommand(CliEnvironment environment) : NodeCommand<IssueSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, IssueSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.GetAsync<Issue>($"/api/admin/issues/{settings.Id}", cancellationToken), Tables.Issue);
}

[Description("Mark an issue resolved (a new occurrence re-opens it)")]
public sealed class IssuesResolveCommand(CliEnvironment environment) : NodeCommand<IssueResolveSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, IssueResolveSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.PostAsync<Issue>($"/api/admin/issues/{settings.Id}/resolve", new { notes = settings.Notes }, cancellationToken), Tables.Issue);
}
