using System.ComponentModel;
using System.Globalization;
using InstaIntel.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace InstaIntel.Cli.Commands;

public sealed class FailureListSettings : NodeSettings
{
    [CommandOption("--kind <KIND>")]
    [Description("authentication, transient or runtime")]
    public string? Kind { get; set; }

    [CommandOption("--retryable <BOOL>")]
    [Description("true or false")]
    public bool? Retryable { get; set; }

    [CommandOption("--account <USERNAME>")]
    public string? Account { get; set; }

    [CommandOption("--queue <NAME>")]
    [Description("The child or stream (e.g. story-ingestion), or an HTTP route")]
    public string? Queue { get; set; }

    [CommandOption("--since <UTC>")]
    [Description("Only failures at or after this time (e.g. 2026-11-25T10:00:00Z)")]
    public DateTime? Since { get; set; }

    [CommandOption("--limit <N>")]
    [Description("Rows (1-500), newest first")]
    [DefaultValue(100)]
    public int Limit { get; set; } = 100;

    internal string Route()
    {
        var query = new List<string> { $"limit={Limit}" };
        if (Kind is { } kind) query.Add($"kind={Uri.EscapeDataString(kind)}");
        if (Retryable is { } retryable) query.Add($"retryable={(retryable ? "true" : "false")}");
        if (Account is { } account) query.Add($"account={Uri.EscapeDataString(account)}");
        if (Queue is { } queue) query.Add($"queue={Uri.EscapeDataString(queue)}");
        if (Since is { } since) query.Add($"since={Uri.EscapeDataString(since.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture))}");
        return "/api/admin/failures?" + string.Join("&", query);
    }
}

public sealed class FailureSettings : NodeSettings
{
    [CommandArgument(0, "<id>")]
    public long Id { get; set; }
}

[Description("Failed work, newest first (filters: --kind, --retryable, --account, --queue, --since)")]
public sealed class FailuresListCommand(CliEnvironment environment) : NodeCommand<FailureListSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, FailureListSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.GetAsync<FailureList>(settings.Route(), cancellationToken), Tables.Failures);
}

[Description("One failure with its metadata and backtrace")]
public sealed class FailuresShowCommand(CliEnvironment environment) : NodeCommand<FailureSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, FailureSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.GetAsync<Failure>($"/api/admin/failures/{settings.Id}", cancellationToken), Tables.Failure);
}

[Description("Send a retryable failure's work to its entity again (authentication failures are refused)")]
public sealed class FailuresRetryCommand(CliEnvironment environment) : NodeCommand<FailureSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, FailureSettings settings, CancellationToken cancellationToken)
    {
        var answer = await WithSpinner(settings, $"retrying failure {settings.Id}",
            () => node.PostAsync<RetryResult>($"/api/admin/failures/{settings.Id}/retry", null, cancellationToken));
        return Show(settings, answer, Tables.Retry);
    }
}
