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
            # A starting shard loads its remembered accounts through its event-sourced store, a persistent actor that
            # waits for a recovery permit behind every account already recovering on the node. Akka.NET gives that
            # load `updating-state-timeout` (5 s by default) and then restarts the shard, dropping the messages it
            # had buffered (akka.net #7447): 10,000 accounts recovering at once lost asks that way. The timeout must
            # cover a node's whole recovery wave. Remember-entity writes wait `waiting-for-state-timeout` (2 s by
            # default), which a journal busy with that wave can also exceed; it also paces the coordinator's
            # retries of distributed-data reads, so it stays short.
            updating-state-timeout = {{Duration(cluster.RememberedEntitiesLoadTimeout)}}
            waiting-for-state-timeout = 10s
          }
        }
        """;

    private static string Duration(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
