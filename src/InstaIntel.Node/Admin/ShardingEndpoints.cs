using Akka.Actor;
using Akka.Cluster.Sharding;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.Admin;

/// <summary><c>/api/admin/sharding</c>: the shard regions, and where each region's shards and entities live.</summary>
public static class ShardingEndpoints
{
    public static readonly TimeSpan DefaultStatsTimeout = TimeSpan.FromSeconds(5);

    public static void MapShardingAdmin(this RouteGroupBuilder admin)
    {
        var sharding = admin.MapGroup("/sharding").WithTags("Admin: sharding");
        sharding.MapGet("/regions", Regions);
        sharding.MapGet("/stats", Stats);
    }

    private static Ok<ShardingRegionsView> Regions(ActorSystem system) =>
        TypedResults.Ok(new ShardingRegionsView(ClusterSharding.Get(system).ShardTypeNames.Order(StringComparer.Ordinal).ToList()));

    /// <param name="region">The region's type name; <c>account</c> when left out.</param>
    /// <param name="timeoutSeconds">How long each region may take to answer (1 to 60, default 5).</param>
    private static async Task<Results<Ok<ShardingStatsView>, ProblemHttpResult>> Stats(
        ActorSystem system, string? region, int? timeoutSeconds, CancellationToken cancellationToken)
    {
        var typeName = string.IsNullOrWhiteSpace(region) ? "account" : region.Trim();
        if (timeoutSeconds is < 1 or > 60)
            return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Invalid timeout", "timeoutSeconds must be between 1 and 60.");
        var sharding = ClusterSharding.Get(system);
        if (!sharding.ShardTypeNames.Contains(typeName))
            return AdminRoutes.Problem(StatusCodes.Status404NotFound, "Unknown region",
                $"No shard region named '{typeName}'; known: {string.Join(", ", sharding.ShardTypeNames.Order(StringComparer.Ordinal))}.");

        var timeout = timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultStatsTimeout;
        // The region gathers every region's answer within the timeout; the ask waits a little longer for that.
        ClusterShardingStats stats;
        try
        {
            stats = await sharding.ShardRegion(typeName)
                .Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), timeout + TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return AdminRoutes.Problem(StatusCodes.Status503ServiceUnavailable, "Sharding stats timed out",
                $"Region '{typeName}' did not gather its stats in time; the cluster may be rebalancing. Try again.");
        }
        var nodes = stats.Regions
            .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
            .Select(r => new NodeShardingStats(
                r.Key.ToString(),
                r.Value.Stats.Count,
                r.Value.Stats.Values.Sum(),
                r.Value.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ShardEntityCount(s.Key, s.Value)).ToList(),
                (r.Value.Failed ?? System.Collections.Immutable.ImmutableHashSet<string>.Empty).Order(StringComparer.Ordinal).ToList()))
            .ToList();
        return TypedResults.Ok(new ShardingStatsView(typeName, nodes.Sum(n => n.Shards), nodes.Sum(n => n.Entities), nodes));
    }
}
