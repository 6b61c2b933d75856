using Akka.Actor;
using Akka.Cluster.Sharding;
using InstaIntel.Actors.Accounts;

namespace InstaIntel.Node.Dashboard;

/// <summary>
/// Which node hosts each account's shard, for the fleet page: the account's shard id (the same hash the region
/// routes by) looked up in the cluster's sharding stats. The stats are cached for a few seconds so a page load
/// costs at most one cluster-wide query; a slow or rebalancing cluster shows "unknown" rather than a slow page.
/// </summary>
public sealed class ShardLocator(ActorSystem system, IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(2);

    private readonly AccountMessageExtractor _extractor = new(
        configuration.GetSection(AccountEntitySettings.Section).Get<AccountEntitySettings>()?.NumberOfShards ?? new AccountEntitySettings().NumberOfShards);

    private (DateTimeOffset At, IReadOnlyDictionary<string, string> NodeByShard)? _cached;

    public string ShardOf(string username) => _extractor.ShardId(username, null);

    /// <returns>The node address hosting the account's shard, or null when no node has allocated it (yet).</returns>
    public async Task<Func<string, string?>> LocateAsync(CancellationToken cancellationToken)
    {
        var nodes = await NodeByShardAsync(cancellationToken);
        return username => nodes.GetValueOrDefault(ShardOf(username));
    }

    /// <summary>Shards and entities per node, as <c>cluster sharding stats</c> shows them.</summary>
    public async Task<IReadOnlyList<(string Node, int Shards, int Entities)>> DistributionAsync(CancellationToken cancellationToken)
    {
        var sharding = ClusterSharding.Get(system);
        if (!sharding.ShardTypeNames.Contains("account"))
            return [];
        try
        {
            var stats = await sharding.ShardRegion("account")
                .Ask<ClusterShardingStats>(new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(1), cancellationToken);
            return stats.Regions
                .Select(r => ((r.Key.HasLocalScope ? Akka.Cluster.Cluster.Get(system).SelfAddress : r.Key).ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum()))
                .OrderBy(r => r.Item1, StringComparer.Ordinal)
                .ToList();
        }
        catch (AskTimeoutException)
        {
            return [];
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> NodeByShardAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.At < CacheLifetime)
            return cached.NodeByShard;
        var sharding = ClusterSharding.Get(system);
        if (!sharding.ShardTypeNames.Contains("account"))
            return new Dictionary<string, string>();
        try
        {
            var stats = await sharding.ShardRegion("account")
                .Ask<ClusterShardingStats>(new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(1), cancellationToken);
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (address, region) in stats.Regions)
                foreach (var shard in region.Stats.Keys)
                    map[shard] = (address.HasLocalScope ? Akka.Cluster.Cluster.Get(system).SelfAddress : address).ToString();
            _cached = (clock.GetUtcNow(), map);
            return map;
        }
        catch (AskTimeoutException)
        {
            return _cached?.NodeByShard ?? new Dictionary<string, string>();
        }
    }
}
