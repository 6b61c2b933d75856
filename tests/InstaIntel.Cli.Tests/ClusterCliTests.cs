using System.Text.Json;
using System.Text.RegularExpressions;
using InstaIntel.Testing;

namespace InstaIntel.Cli.Tests;

/// <summary>The palette against a live two-node cluster: two real node processes on one PostgreSQL database.</summary>
public sealed class ClusterCliTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private Task<CliRun> Cli(NodeProcess node, params string[] args) =>
        CliRun.RunAsync(cluster.Variables, null, [.. args, "--node", node.Http.ToString()]);

    [Fact]
    public async Task Cluster_show_prints_both_members_up_and_the_json_agrees()
    {
        var run = await Cli(cluster.Second, "cluster", "show");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var node in cluster.Nodes)
        {
            var row = Assert.Single(run.Lines, l => l.StartsWith(node.AkkaAddress + " ", StringComparison.Ordinal));
            Assert.Matches(@"^\S+\s+Up\s", row);
        }
        Assert.EndsWith("self", Assert.Single(run.Lines, l => l.StartsWith(cluster.Second.AkkaAddress + " ", StringComparison.Ordinal)).TrimEnd());
        Assert.Contains(run.Lines, l => l.StartsWith("2 members, 2 up; leader akka.tcp://instaintel@127.0.0.1:", StringComparison.Ordinal));

        var json = await Cli(cluster.First, "cluster", "show", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var members = json.Json().GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(cluster.Nodes.Select(n => n.AkkaAddress).Order(), members.Select(m => m.GetProperty("address").GetString()).Order());
        Assert.All(members, m => Assert.Equal("Up", m.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Sharding_stats_show_account_shards_on_both_nodes()
    {
        // Shards are allocated as accounts arrive; wait until the coordinator has given both regions some.
        CliRun run = null!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            run = await Cli(cluster.First, "cluster", "sharding", "stats", "--region", "account", "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            if (run.Json().GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("shards").GetInt32() > 0) == 2) break;
            await Task.Delay(1000);
        } while (DateTime.UtcNow < deadline);

        var stats = run.Json();
        Assert.Equal("account", stats.GetProperty("region").GetString());
        var nodes = stats.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(cluster.Nodes.Select(n => n.AkkaAddress).Order(), nodes.Select(n => n.GetProperty("address").GetString()).Order());
        Assert.All(nodes, n => Assert.True(n.GetProperty("shards").GetInt32() > 0, $"no account shard on {n.GetProperty("address")}"));
        Assert.Equal(TwoNodeCluster.AccountCount, stats.GetProperty("totalEntities").GetInt32());

        var table = await Cli(cluster.Second, "cluster", "sharding", "stats");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^NODE\s+SHARDS\s+ENTITIES\s+SHARD IDS", table.Lines[0]);
        foreach (var node in cluster.Nodes)
            Assert.Matches(new Regex("^" + Regex.Escape(node.AkkaAddress) + @"\s+[1-9]\d*\s+[1-9]\d*\s+\d"), Assert.Single(table.Lines, l => l.StartsWith(node.AkkaAddress, StringComparison.Ordinal)));
        Assert.Matches($@"^total\s+\d+\s+{TwoNodeCluster.AccountCount}\s+region account", table.Lines[^1]);

        var regions = await Cli(cluster.Second, "cluster", "sharding", "regions", "--json");
        Assert.Contains("account", regions.Json().GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Actor_hierarchy_shows_account_entities_under_their_shards_on_each_node()
    {
        var entityPath = new Regex(@"^\s*/system/sharding/account/(\d+)/(cluster_acct_\d\d)\s+\[AccountEntity\]");
        var seen = new HashSet<string>();
        foreach (var node in cluster.Nodes)
        {
            var run = await Cli(node, "actor", "hierarchy");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal($"actors on {node.AkkaAddress} (depth 5)", run.Lines[0]);
            Assert.Contains(run.Lines, l => l.TrimStart().StartsWith("/system/sharding/account  [ShardRegion]", StringComparison.Ordinal));
            var entities = run.Lines.Select(l => entityPath.Match(l)).Where(m => m.Success).Select(m => m.Groups[2].Value).ToList();
            Assert.True(entities.Count > 0, $"no account entity on {node.AkkaAddress}:\n{run.Output}");
            seen.UnionWith(entities);

            var json = await Cli(node, "actor", "hierarchy", "--path", "/system/sharding/account", "--depth", "2", "--json");
            Assert.True(json.ExitCode == 0, json.ToString());
            var region = json.Json().GetProperty("roots")[0];
            Assert.Equal("/system/sharding/account", region.GetProperty("path").GetString());
            Assert.Contains(region.GetProperty("children").EnumerateArray().SelectMany(s => s.GetProperty("children").EnumerateArray()),
                e => e.GetProperty("type").GetString() == "AccountEntity");
        }
        // Every account lives on exactly one of the two nodes.
        Assert.Equal(cluster.Usernames.Order(), seen.Order());
    }

    [Fact]
    public async Task Accounts_list_shows_every_account_and_show_reads_one()
    {
        // The list reads the projected rows, which follow each entity's first persist shortly after.
        CliRun json = null!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            json = await Cli(cluster.Second, "accounts", "list", "--json");
            Assert.True(json.ExitCode == 0, json.ToString());
            if (json.Json().GetProperty("items").GetArrayLength() >= TwoNodeCluster.AccountCount) break;
            await Task.Delay(500);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(cluster.Usernames, json.Json().GetProperty("items").EnumerateArray().Select(i => i.GetProperty("username").GetString()));

        var table = await Cli(cluster.First, "accounts", "list");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^USERNAME\s+STATE\s+PROCESSING\s+LOGIN", table.Lines[0]);
        foreach (var username in cluster.Usernames)
            Assert.Matches(new Regex($@"^{username}\s+idle\s+on\s+not_authenticated\s+0\s"), Assert.Single(table.Lines, l => l.StartsWith(username + " ", StringComparison.Ordinal)));

        var show = await Cli(cluster.First, "accounts", "show", cluster.Usernames[3], "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Equal(cluster.Usernames[3], show.Json().GetProperty("username").GetString());

        var missing = await Cli(cluster.First, "accounts", "show", "nobody_at_all");
        Assert.Equal(ExitCodes.Failed, missing.ExitCode);
        Assert.Contains("Account not found", missing.Error);
    }
}
