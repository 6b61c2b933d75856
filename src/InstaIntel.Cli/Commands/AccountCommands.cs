using System.ComponentModel;
using InstaIntel.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace InstaIntel.Cli.Commands;

public sealed class AccountListSettings : NodeSettings
{
    [CommandOption("--offset <N>")]
    [DefaultValue(0)]
    public int Offset { get; set; }

    [CommandOption("--limit <N>")]
    [Description("Rows per page (1-500)")]
    [DefaultValue(100)]
    public int Limit { get; set; } = 100;
}

public class AccountSettings : NodeSettings
{
    [CommandArgument(0, "<username>")]
    public string Username { get; set; } = "";

    internal string Route(string suffix = "") => $"/api/accounts/{Uri.EscapeDataString(Username.Trim())}{suffix}";
}

public sealed class AccountPauseSettings : AccountSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description("Why, shown by accounts show")]
    public string? Reason { get; set; }
}

[Description("Managed accounts, by username")]
public sealed class AccountsListCommand(CliEnvironment environment) : NodeCommand<AccountListSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, AccountListSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.GetAsync<AccountPage>($"/api/accounts?offset={settings.Offset}&limit={settings.Limit}", cancellationToken), Tables.Accounts);
}

[Description("One account's state as its entity holds it")]
public sealed class AccountsShowCommand(CliEnvironment environment) : NodeCommand<AccountSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, AccountSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.GetAsync<Account>(settings.Route(), cancellationToken), Tables.Account);
}

[Description("Pause an account's continuous processing (a run in flight is aborted)")]
public sealed class AccountsPauseCommand(CliEnvironment environment) : NodeCommand<AccountPauseSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, AccountPauseSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.PostAsync<Account>(settings.Route("/pause"), new { reason = settings.Reason }, cancellationToken), Tables.Account);
}

[Description("Resume a paused account")]
public sealed class AccountsResumeCommand(CliEnvironment environment) : NodeCommand<AccountSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, AccountSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.PostAsync<Account>(settings.Route("/resume"), null, cancellationToken), Tables.Account);
}

[Description("Start a continuous-processing run now (409 when one is already running or the account cannot run)")]
public sealed class AccountsRunCommand(CliEnvironment environment) : NodeCommand<AccountSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, AccountSettings settings, CancellationToken cancellationToken)
    {
        var answer = await WithSpinner(settings, $"starting a run of {settings.Username}",
            () => node.PostAsync<RunAccepted>(settings.Route("/run"), null, cancellationToken));
        return Show(settings, answer, run => Tables.Line($"run {run.Id} of {settings.Username} started with phase {run.PhaseName}"));
    }
}
