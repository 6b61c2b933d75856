using InstaIntel.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace InstaIntel.Cluster.Tests;

/// <summary>
/// SIGTERM to a node of three (as Docker and Kubernetes stop it): its shards hand over to the others, it leaves and
/// exits with 0, and no account's state (journal sequence, projected row) goes backwards.
/// </summary>
public sealed class GracefulLeaveTests(ITestOutputHelper output)
{
    private const int IdleAccounts = 60;
    private const int ProcessingAccounts = 3;

    [Fact]
    public async Task A_node_stopped_with_SIGTERM_hands_its_shards_over_and_no_account_goes_backwards()
    {
        await using var cluster = await ClusterHarness.StartAsync(3);
        var processing = NetworkTruth.ProcessingAccounts(cluster.Network, cluster.SimulatorNow, ProcessingAccounts);
        var everyone = processing.Concat(Enumerable.Range(1, IdleAccounts).Select(i => $"leave_acct_{i:D3}")).ToList();
        await cluster.CreateAccountsAsync(everyone);
        for (var i = 0; i < processing.Count; i++)
            await cluster.ImportSessionAsync(processing[i], cluster.Nodes[i % cluster.Nodes.Count]);

        var all = cluster.Nodes.Select(n => n.AkkaAddress).ToHashSet();
        await ClusterHarness.EventuallyAsync(TimeSpan.FromSeconds(90), async () =>
        {
            var spread = await cluster.ShardingStatsAsync(cluster.Nodes[0]);
            return (spread is not null && spread.Nodes.Keys.ToHashSet().SetEquals(all) && spread.Nodes.Values.All(n => n.Entities > 0)
                    && spread.TotalEntities == everyone.Count, $"{spread?.TotalEntities} entities on {spread?.Nodes.Count} nodes");
        }, missing => Assert.Fail($"the accounts did not spread over the three nodes: {missing}\n{cluster.Tails()}"));

        // The leaving node: the one hosting most processing accounts, so work is in flight when it goes.
        var placement = new Dictionary<Testing.NodeProcess, IReadOnlySet<string>>();
        foreach (var node in cluster.Nodes) placement[node] = await cluster.EntitiesOnAsync(node);
        var leaving = cluster.Nodes.OrderByDescending(n => placement[n].Count(processing.Contains)).ThenByDescending(n => placement[n].Count).First();
        var staying = cluster.Nodes.Where(n => n != leaving).ToList();

        var before = new Dictionary<string, long>();
        foreach (var username in everyone)
            before[username] = (await cluster.AccountAsync(staying[0], username)).GetProperty("sequenceNr").GetInt64();
        var projectedBefore = await cluster.Sql.ProjectedSequenceNumbersAsync();

        leaving.Terminate();
        var exitCode = await leaving.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"the node exited with {exitCode}:\n{leaving.Tail()}");
        output.WriteLine($"{leaving.AkkaAddress} left with {placement[leaving].Count} accounts");

        // It left (removed, never unreachable-then-downed), and its accounts live on the others.
        await cluster.WaitForUpMembersAsync(staying, staying[0], TimeSpan.FromSeconds(60));
        var remaining = staying.Select(n => n.AkkaAddress).ToHashSet();
        await ClusterHarness.EventuallyAsync(TimeSpan.FromSeconds(60), async () =>
        {
            var spread = await cluster.ShardingStatsAsync(staying[0]);
            return (spread is not null && spread.Nodes.Keys.ToHashSet().SetEquals(remaining) && spread.TotalEntities == everyone.Count && spread.FailedShards == 0,
                $"{spread?.TotalEntities} entities on {string.Join(", ", spread?.Nodes.Keys ?? [])}");
        }, missing => Assert.Fail($"the shards did not move to the remaining nodes: {missing}\n{cluster.Tails()}"));
        var moved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in staying) moved.UnionWith(await cluster.EntitiesOnAsync(node));
        Assert.Superset(placement[leaving].ToHashSet(), moved);

        // No account went backwards: the live entity and the projected row are at or past where they were.
        foreach (var username in everyone)
        {
            var after = (await cluster.AccountAsync(staying[0], username)).GetProperty("sequenceNr").GetInt64();
            Assert.True(after >= before[username], $"{username} went back from sequence {before[username]} to {after}");
        }
        var projectedAfter = await cluster.Sql.ProjectedSequenceNumbersAsync();
        Assert.All(everyone, u => Assert.True(projectedAfter[u] >= projectedBefore.GetValueOrDefault(u),
            $"{u}: projected row went back from {projectedBefore.GetValueOrDefault(u)} to {projectedAfter[u]}"));
        var journals = await cluster.Sql.AccountJournalsAsync();
        Assert.All(everyone, u =>
        {
            var journal = journals["account-" + u];
            Assert.True(journal.Min == 1 && journal.Count == journal.Max && journal.Max >= before[u], $"{u}: journal {journal}");
        });
    }
}
