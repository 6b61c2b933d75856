using InstaIntel.Cli.Commands;
using Spectre.Console.Cli;

namespace InstaIntel.Cli;

/// <summary>
/// The <c>instaintel</c> palette. Every command speaks the node's HTTP API (<c>/api/admin</c>, <c>/api/accounts</c>);
/// <c>failures</c> and <c>issues</c> read and act on failed work and the issues it raised.
/// </summary>
public static class InstaIntelCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("instaintel");
            config.ConfigureConsole(environment.Console);
            config.Settings.Registrar.RegisterInstance(environment);
            // Failures become exit codes and one-line messages below, not Spectre's exception rendering.
            config.PropagateExceptions();

            config.AddBranch("cluster", cluster =>
            {
                cluster.SetDescription("Cluster membership and sharding");
                cluster.AddCommand<ClusterShowCommand>("show").WithExample("cluster", "show");
                cluster.AddCommand<ClusterLeaveCommand>("leave").WithExample("cluster", "leave", "akka.tcp://instaintel@10.0.0.5:4053");
                cluster.AddCommand<ClusterDownCommand>("down").WithExample("cluster", "down", "akka.tcp://instaintel@10.0.0.5:4053");
                cluster.AddBranch("sharding", sharding =>
                {
                    sharding.SetDescription("Shard regions and where their shards live");
                    sharding.AddCommand<ShardingRegionsCommand>("regions");
                    sharding.AddCommand<ShardingStatsCommand>("stats").WithExample("cluster", "sharding", "stats", "--region", "account");
                });
            });
            config.AddBranch("actor", actor =>
            {
                actor.SetDescription("The actor tree of a node");
                actor.AddCommand<ActorHierarchyCommand>("hierarchy").WithExample("actor", "hierarchy", "--path", "/system/sharding/account", "--depth", "3");
            });
            config.AddBranch("accounts", accounts =>
            {
                accounts.SetDescription("Managed Instagram accounts");
                accounts.AddCommand<AccountsListCommand>("list");
                accounts.AddCommand<AccountsShowCommand>("show");
                accounts.AddCommand<AccountsPauseCommand>("pause").WithExample("accounts", "pause", "alice", "--reason", "travel");
                accounts.AddCommand<AccountsResumeCommand>("resume");
                accounts.AddCommand<AccountsRunCommand>("run");
                accounts.AddCommand<AccountsActionCommand>("action").WithExample("accounts", "action", "alice", "fetch-details", "--profile", "bob", "--wait");
                accounts.AddCommand<AccountsActionStatusCommand>("action-status").WithExample("accounts", "action-status", "alice", "42");
                accounts.AddCommand<AccountsMessageCommand>("message").WithExample("accounts", "message", "alice", "bob", "see you at eight");
                accounts.AddCommand<AccountsMessageStatusCommand>("message-status").WithExample("accounts", "message-status", "alice", "bob", "7");
            });
            config.AddBranch("failures", failures =>
            {
                failures.SetDescription("Failed work: list, show, retry");
                failures.AddCommand<FailuresListCommand>("list").WithExample("failures", "list", "--kind", "transient", "--account", "alice");
                failures.AddCommand<FailuresShowCommand>("show").WithExample("failures", "show", "42");
                failures.AddCommand<FailuresRetryCommand>("retry").WithExample("failures", "retry", "42");
            });
            config.AddBranch("issues", issues =>
            {
                issues.SetDescription("Deduplicated problems: list, show, resolve");
                issues.AddCommand<IssuesListCommand>("list").WithExample("issues", "list", "--status", "open");
                issues.AddCommand<IssuesShowCommand>("show").WithExample("issues", "show", "7");
                issues.AddCommand<IssuesResolveCommand>("resolve").WithExample("issues", "resolve", "7", "--notes", "session re-imported");
            });
            config.AddBranch("db", db =>
            {
                db.SetDescription("The cluster's database");
                db.AddCommand<DbMigrateCommand>("migrate");
            });
        });

        try
        {
            return await app.RunAsync(args, cancellationToken);
        }
        catch (CliException failure)
        {
            await environment.Error.WriteLineAsync($"instaintel: {failure.Message}");
            return failure.ExitCode;
        }
        catch (CommandAppException usage)
        {
            await environment.Error.WriteLineAsync($"instaintel: {usage.Message} (instaintel --help lists the commands)");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await environment.Error.WriteLineAsync("instaintel: cancelled");
            return 130;
        }
    }
}
