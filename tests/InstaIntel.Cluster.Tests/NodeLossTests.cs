using System.Diagnostics;
using InstaIntel.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace InstaIntel.Cluster.Tests;

/// <summary>
/// Three node processes, many accounts with continuous processing on; one node is SIGKILLed while accounts on it are
/// mid-run. Remember-entities and the split-brain resolver must bring every account back on the survivors, the work
/// must finish with every row once, each journal without a gap, and the restarted node must rejoin and get shards.
/// </summary>
public sealed class NodeLossTests(ITestOutputHelper output)
{
    /// <summary>The issue's 300 accounts, every one logged in to the simulator with a small network of its own to process.</summary>
    public const int AccountCount = 300;

    [Fact]
    public async Task Accounts_of_a_killed_node_run_on_the_survivors_the_network_is_stored_exactly_once_and_the_node_rejoins()
    {
        var sinceStart = Stopwatch.StartNew();
        await using var cluster = await ClusterHarness.StartAsync(3);
        var now = cluster.SimulatorNow;
        var accounts = NetworkTruth.ProcessingAccounts(cluster.Network, now, AccountCount);
        Assert.Equal(AccountCount, accounts.Count);

        output.WriteLine($"{sinceStart.Elapsed.TotalSeconds:F0} s: three nodes up");
        // Logged in first, then all switched on together: the kill comes while the whole fleet is at work, not after the
        // first accounts (imported minutes before the last) have done theirs.
        await cluster.CreateAccountsAsync(accounts, continuousProcessing: false);
        await cluster.ImportSessionsAsync(accounts);
        output.WriteLine($"{sinceStart.Elapsed.TotalSeconds:F0} s: {AccountCount} accounts created and their sessions imported");
        await cluster.EnableContinuousProcessingAsync(accounts);
        output.WriteLine($"{sinceStart.Elapsed.TotalSeconds:F0} s: continuous processing enabled on all of them");

        // Spread: every node hosts shards and together they hold every account.
        var all = cluster.Nodes.Select(n => n.AkkaAddress).ToHashSet();
        await ClusterHarness.EventuallyAsync(TimeSpan.FromSeconds(90), async () =>
        {
            var spread = await cluster.ShardingStatsAsync(cluster.Nodes[0]);
            return (spread is not null && spread.Nodes.Keys.ToHashSet().SetEquals(all) && spread.Nodes.Values.All(n => n.Entities > 0)
                    && spread.TotalEntities == AccountCount, $"spread {Describe(spread)}");
        }, missing => Assert.Fail($"the accounts did not spread over the three nodes: {missing}\n{cluster.Tails()}"));

        // The victim: the node with the most accounts, killed mid-processing: some of its accounts have finished a run,
        // others are running one (their runs die with the node) and most have work left.
        var placement = new Dictionary<Testing.NodeProcess, IReadOnlySet<string>>();
        foreach (var node in cluster.Nodes) placement[node] = await cluster.EntitiesOnAsync(node);
        var victim = cluster.Nodes.OrderByDescending(n => placement[n].Count).First();
        var victimsAccounts = accounts.Where(placement[victim].Contains).ToList();
        Assert.NotEmpty(victimsAccounts);
        var survivors = cluster.Nodes.Where(n => n != victim).ToList();
        var (running, finished) = (0, 0);
        await ClusterHarness.EventuallyAsync(TimeSpan.FromSeconds(120), async () =>
        {
            var views = await Task.WhenAll(victimsAccounts.Select(username => cluster.AccountAsync(survivors[0], username)));
            running = views.Count(v => v.GetProperty("state").GetString() == "running");
            finished = views.Count(v => v.GetProperty("lastFinishedAt").ValueKind != System.Text.Json.JsonValueKind.Null);
            return (running > 0 && finished >= victimsAccounts.Count / 10,
                $"of the {victimsAccounts.Count} accounts on the victim {running} are running a phase and {finished} finished one");
        }, missing => Assert.Fail($"the victim's accounts did not get to work: {missing}\n{cluster.Tails()}"), TimeSpan.FromMilliseconds(500));
        Memory(cluster, "before the kill");

        await victim.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        output.WriteLine($"{sinceStart.Elapsed.TotalSeconds:F0} s: killed {victim.AkkaAddress} hosting {victimsAccounts.Count} accounts, " +
                         $"{running} of them running a phase, {finished} with a run finished");

        // Within a minute every account is alive again on the two survivors (the acceptance deadline, not a benchmark):
        // `cluster sharding stats` counts all 300 there, and the survivors' actor trees hold an entity for each of the
        // victim's accounts (the stats count ids a shard knows; the tree shows the actors).
        var alive = survivors.Select(n => n.AkkaAddress).ToHashSet();
        TimeSpan? downed = null;
        await ClusterHarness.EventuallyAsync(TimeSpan.FromSeconds(60) - sinceKill.Elapsed, async () =>
        {
            if (downed is null && await cluster.MembersAsync(survivors[0]) is { } members && !members.Contains(victim.AkkaAddress))
                downed = sinceKill.Elapsed;
            var spread = await cluster.ShardingStatsAsync(survivors[0]);
            if (spread is null || !spread.Nodes.Keys.ToHashSet().SetEquals(alive) || spread.TotalEntities != AccountCount || spread.FailedShards != 0)
                return (false, $"spread {Describe(spread)}");
            var moved = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in survivors) moved.UnionWith(await cluster.EntitiesOnAsync(node));
            var missing = victimsAccounts.Where(u => !moved.Contains(u)).ToList();
            return (missing.Count == 0, $"spread {Describe(spread)}; no entity on the survivors for {missing.Count} of the victim's accounts, e.g. {string.Join(", ", missing.Take(5))}");
        }, missing => Assert.Fail($"60 s after the kill not every account ran on the survivors: {missing}\n{cluster.Tails()}"));
        output.WriteLine($"all {AccountCount} accounts on the survivors {sinceKill.Elapsed.TotalSeconds:F1} s after the kill " +
                         $"(the victim left the membership after {downed?.TotalSeconds.ToString("F1") ?? "?"} s)");

        // The work goes on to the end: every account holds exactly the simulator's truth. An account that matched is not
        // asked again until the end, when all are, so a row written twice late is caught too.
        var differences = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var username in accounts) differences[username] = "not checked yet";
        await ClusterHarness.EventuallyAsync(TimeSpan.FromMinutes(6), async () =>
        {
            foreach (var username in differences.Keys.ToList())
            {
                var difference = await NetworkTruth.DifferenceAsync(cluster.Sql, cluster.Network, now, username);
                if (difference.Length == 0) differences.Remove(username);
                else differences[username] = difference;
            }
            if (differences.Count == 0) return (true, "");
            var runs = await cluster.Sql.UnsuccessfulRunsAsync();
            return (false, $"{differences.Count} of {AccountCount} accounts differ, e.g.\n{string.Join('\n', differences.Values.Take(10))}\n" +
                           $"runs not succeeded: {string.Join("; ", runs.Select(r => $"{r.Value} x {r.Key}"))}");
        }, missing => Assert.Fail($"the network was not stored exactly once:\n{missing}\n{cluster.Tails()}"), TimeSpan.FromSeconds(5));
        output.WriteLine($"every account's network stored {sinceKill.Elapsed.TotalSeconds:F0} s after the kill ({sinceStart.Elapsed.TotalSeconds:F0} s into the test)");
        Memory(cluster, "after the work");
        foreach (var username in accounts)
            Assert.Equal("", await NetworkTruth.DifferenceAsync(cluster.Sql, cluster.Network, now, username));

        // Each account's journal runs 1..N without a gap, including those whose runs the kill interrupted.
        var journals = await cluster.Sql.AccountJournalsAsync();
        Assert.Equal(accounts.Select(u => "account-" + u).Order(), journals.Keys.Order());
        Assert.All(journals, j => Assert.True(j.Value.Min == 1 && j.Value.Count == j.Value.Max,
            $"{j.Key}: {j.Value.Count} events numbered {j.Value.Min}..{j.Value.Max}"));

        // The killed node comes back, joins the same cluster and is given shards again by the rebalance.
        var again = await cluster.RestartAsync(victim);
        await cluster.WaitForUpMembersAsync(cluster.Nodes, survivors[0]);
        await ClusterHarness.EventuallyAsync(TimeSpan.FromSeconds(90), async () =>
        {
            var spread = await cluster.ShardingStatsAsync(survivors[0]);
            return (spread is not null && spread.Nodes.TryGetValue(again.AkkaAddress, out var mine) && mine.Shards > 0 && mine.Entities > 0
                    && spread.TotalEntities == AccountCount, $"spread {Describe(spread)}");
        }, missing => Assert.Fail($"the restarted node got no shards: {missing}\n{cluster.Tails()}"));
        output.WriteLine($"{sinceStart.Elapsed.TotalSeconds:F0} s: the restarted node holds shards again");
    }

    /// <summary>Writes each live node's resident memory: the node process, and its Playwright driver and Chromium together.</summary>
    private void Memory(ClusterHarness cluster, string when)
    {
        foreach (var node in cluster.Nodes.Where(n => !n.HasExited))
        {
            var (own, descendants) = ProcessMemory.Of(node.ProcessId);
            output.WriteLine($"RSS {when}: {node.AkkaAddress} node {own:F0} MiB, its Playwright driver and Chromium {descendants:F0} MiB");
        }
    }

    private static string Describe(ShardingSpread? spread) =>
        spread is null ? "(no answer)" : string.Join(", ", spread.Nodes.Select(n => $"{n.Key}: {n.Value.Shards} shards/{n.Value.Entities} entities")) +
                                         $"; total {spread.TotalEntities}, failed shards {spread.FailedShards}";
}
