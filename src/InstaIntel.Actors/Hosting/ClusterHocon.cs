using System.Globalization;

namespace InstaIntel.Actors.Hosting;

/// <summary>
/// Cluster tuning Akka.Hosting has no typed option for: the failure detector, the split-brain resolver's
/// stable-after and least-shard allocation. The graceful leave needs nothing here: SIGTERM stops the host, and
/// Akka.Hosting's hosted service runs coordinated shutdown (shards hand over, the member leaves). See docs/operations.md.
/// </summary>
internal static class ClusterHocon
{
    public static string For(ClusterSettings cluster) => $$"""
        akka.cluster {
          failure-detector {
            heartbeat-interval = {{Duration(cluster.HeartbeatInterval)}}
            acceptable-heartbeat-pause = {{Duration(cluster.AcceptableHeartbeatPause)}}
          }
          split-brain-resolver {
            active-strategy = keep-majority
            stable-after = {{Duration(cluster.StableAfter)}}
          }
          # A member that is downed (by the resolver or by hand) stops its actor system, and with it the process.
          run-coordinated-shutdown-when-down = on
          sharding {
            least-shard-allocation-strategy {
              rebalance-absolute-limit = {{cluster.RebalanceAbsoluteLimit}}
              rebalance-relative-limit = 0.1
            }
            rebalance-interval = {{Duration(cluster.RebalanceInterval)}}
          }
        }
        """;

    private static string Duration(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
