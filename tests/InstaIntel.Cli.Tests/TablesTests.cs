using InstaIntel.Cli.Rendering;
using Spectre.Console.Rendering;

namespace InstaIntel.Cli.Tests;

public sealed class TablesTests
{
    private static readonly DateTime Noon = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static IReadOnlyList<string> Render(IRenderable renderable)
    {
        var output = new StringWriter();
        new CliEnvironment(output, TextWriter.Null, _ => null).Console.Write(renderable);
        return output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
    }

    [Fact]
    public void Cluster_table_aligns_every_column_under_its_header()
    {
        var state = new ClusterState(
            "akka.tcp://instaintel@127.0.0.1:4053",
            "akka.tcp://instaintel@127.0.0.1:4053",
            [
                new ClusterMember("akka.tcp://instaintel@127.0.0.1:4053", "Up", [], 1, Noon, true, true, true),
                new ClusterMember("akka.tcp://instaintel@10.200.30.4:40530", "Joining", ["worker", "browser"], null, null, false, false, false),
            ],
            ["akka.tcp://instaintel@10.200.30.4:40530"]);

        var lines = Render(Tables.Cluster(state));

        var header = lines[0];
        Assert.StartsWith("MEMBER", header);
        var status = header.IndexOf("STATUS", StringComparison.Ordinal);
        var roles = header.IndexOf("ROLES", StringComparison.Ordinal);
        var since = header.IndexOf("UP SINCE", StringComparison.Ordinal);
        var reachable = header.IndexOf("REACHABLE", StringComparison.Ordinal);
        Assert.True(status > "akka.tcp://instaintel@10.200.30.4:40530".Length, "the widest address fits before STATUS");
        Assert.Equal(status, lines[1].IndexOf("Up", StringComparison.Ordinal));
        Assert.Equal(status, lines[2].IndexOf("Joining", StringComparison.Ordinal));
        Assert.Equal(roles, lines[2].IndexOf("worker,browser", StringComparison.Ordinal));
        Assert.Equal(since, lines[1].IndexOf("2026-03-01 12:00:00", StringComparison.Ordinal));
        Assert.Equal(reachable, lines[2].IndexOf("NO", StringComparison.Ordinal));
        Assert.EndsWith("leader self", lines[1].TrimEnd());
        Assert.Equal("2 members, 1 up; leader akka.tcp://instaintel@127.0.0.1:4053; unreachable: akka.tcp://instaintel@10.200.30.4:40530", lines[3]);
    }

    [Fact]
    public void Sharding_stats_right_align_counts_and_sum_a_total_row()
    {
        var stats = new ShardingStats("account", 3, 112,
        [
            new NodeShardingStats("akka.tcp://instaintel@127.0.0.1:4053", 2, 12, [new("7", 2), new("10", 10)], []),
            new NodeShardingStats("akka.tcp://instaintel@127.0.0.1:4054", 1, 100, [new("3", 100)], ["9"]),
        ]);

        var lines = Render(Tables.ShardingStats(stats));

        Assert.Equal(4, lines.Count);
        var entitiesEnd = lines[0].IndexOf("ENTITIES", StringComparison.Ordinal) + "ENTITIES".Length;
        // Counts end under the end of their header.
        Assert.Equal("      12", lines[1][(entitiesEnd - 8)..entitiesEnd]);
        Assert.Equal("     100", lines[2][(entitiesEnd - 8)..entitiesEnd]);
        Assert.Contains("7,10", lines[1]); // shard ids in numeric order
        Assert.Contains("(not answering: 9)", lines[2]);
        Assert.StartsWith("total", lines[3]);
        Assert.Equal("     112", lines[3][(entitiesEnd - 8)..entitiesEnd]);
    }

    [Fact]
    public void Accounts_table_says_when_more_pages_follow()
    {
        var page = new AccountPage(
        [
            new AccountSummary("alice", "idle", true, "authenticated", 0, null, Noon),
            new AccountSummary("a_much_longer_username", "paused", false, "authentication_required", 12, Noon.AddHours(1), Noon),
        ], 0, 2);

        var lines = Render(Tables.Accounts(page));

        var state = lines[0].IndexOf("STATE", StringComparison.Ordinal);
        Assert.Equal(state, lines[1].IndexOf("idle", StringComparison.Ordinal));
        Assert.Equal(state, lines[2].IndexOf("paused", StringComparison.Ordinal));
        Assert.Contains("2026-03-01 13:00:00", lines[2]);
        Assert.Equal("2 accounts from offset 0 (more may follow: --offset 2)", lines[3]);
    }

    [Fact]
    public void Hierarchy_indents_by_depth_and_tells_what_the_depth_cut_off()
    {
        var entity = new ActorNode("alice", "/system/sharding/account/26/alice", "AccountEntity", 3, 3, []);
        var shard = new ActorNode("26", "/system/sharding/account/26", "Shard", 0, 2, [entity]);
        var region = new ActorNode("account", "/system/sharding/account", "ShardRegion", 0, 1, [shard]);

        var lines = Tables.Hierarchy(new ActorHierarchy("akka.tcp://instaintel@127.0.0.1:4053", 2, false, [region])).ToList();

        Assert.Equal(
        [
            "actors on akka.tcp://instaintel@127.0.0.1:4053 (depth 2)",
            "/system/sharding/account  [ShardRegion]",
            "  /system/sharding/account/26  [Shard]  (+1 child below)",
            "    /system/sharding/account/26/alice  [AccountEntity]  mailbox 3  (+3 children below)",
        ], lines);
    }
}
