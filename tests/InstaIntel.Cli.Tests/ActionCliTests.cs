using System.Text.RegularExpressions;

namespace InstaIntel.Cli.Tests;

/// <summary>The account action and message commands against real node processes (no Instagram session: what needs one is refused).</summary>
public sealed partial class ActionCliTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private Task<CliRun> Cli(params string[] args) =>
        CliRun.RunAsync(cluster.Variables, null, [.. args, "--node", cluster.First.Http.ToString()]);

    [Fact]
    public async Task An_action_prints_its_log_id_and_its_status_shows_it_came_from_the_cli()
    {
        var account = cluster.Usernames[0];
        var run = await Cli("accounts", "action", account, "disable-continuous-processing");
        Assert.True(run.ExitCode == 0, run.ToString());
        var id = ActionLine().Match(run.Lines.Single());
        Assert.True(id.Success, run.ToString());
        Assert.Equal("disable_continuous_processing", id.Groups["action"].Value);

        var status = await Cli("accounts", "action-status", account, id.Groups["id"].Value, "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal("cli", status.Json().GetProperty("trigger").GetString());
        Assert.Equal("succeeded", status.Json().GetProperty("status").GetString());
        Assert.Equal(account, status.Json().GetProperty("profile").GetString());
        var line = await Cli("accounts", "action-status", account, id.Groups["id"].Value);
        Assert.Equal($"action {id.Groups["id"].Value} (disable_continuous_processing on {account}) from cli: succeeded: continuous processing disabled", line.Lines.Single());
    }

    [Fact]
    public async Task An_action_the_account_cannot_run_exits_1_with_the_reason()
    {
        // No session was ever imported: nothing that talks to Instagram may start.
        var run = await Cli("accounts", "action", cluster.Usernames[1], "sync-follow-graph");
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("Action not started", run.Error);
        Assert.Contains("no session imported yet", run.Error);
    }

    [Fact]
    public async Task Unknown_actions_profiles_and_messages_exit_1_with_the_problem()
    {
        var account = cluster.Usernames[2];
        var unknown = await Cli("accounts", "action", account, "dance");
        Assert.Equal(ExitCodes.Failed, unknown.ExitCode);
        Assert.Contains("Unknown action", unknown.Error);

        var noProfile = await Cli("accounts", "message", account, "never_seen", "hello");
        Assert.Equal(ExitCodes.Failed, noProfile.ExitCode);
        Assert.Contains("Profile not found", noProfile.Error);

        var noAction = await Cli("accounts", "action-status", account, "999999");
        Assert.Equal(ExitCodes.Failed, noAction.ExitCode);
        Assert.Contains("Action not found", noAction.Error);
    }

    [GeneratedRegex(@"^action (?<id>\d+) \((?<action>[a-z_]+)\) of \S+: succeeded$")]
    private static partial Regex ActionLine();
}
