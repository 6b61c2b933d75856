using System.Text;
using InstaIntel.Storage;

namespace InstaIntel.Actors.Hosting;

/// <summary>
/// Akka.Persistence.Sql's journal and snapshot store on the application database. Wired with HOCON because
/// the Akka.Persistence.Sql.Hosting package served here is broken (see STACK.md). Both run as the plugin's classes
/// extended to batch the reads of actors recovering together, and on SQLite the journal's writes
/// (<see cref="Persistence.RecoveryBatchingSqlJournal"/>).
/// </summary>
internal static class SqlPersistenceHocon
{
    public static string For(StorageOptions storage)
    {
        var connection = Quote(storage.EffectiveConnectionString);
        var provider = Quote(storage.ProviderName);
        return $$"""
            akka.persistence {
              # Recoveries in flight at once (Akka's default is 50). Their reads are batched (up to 250 a query,
              # two queries in flight), so more at once means fuller batches and fewer queries, not more load on the
              # database: at 10,000 accounts 50 gave ~1,200 recoveries/s, 500 about 2,000-2,400, 1,000 2,300-4,600
              # and 2,000 no more (docs/performance.md, section 2).
              max-concurrent-recoveries = 1000
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "{{typeof(Persistence.RecoveryBatchingSqlJournal).AssemblyQualifiedName}}"
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                  # Akka's replay filter puts one more actor between the journal and every recovering actor, to drop
                  # events an old incarnation wrote beside a new one. The plugin's unique (persistence_id,
                  # sequence_number) index already keeps a second writer from storing any: its first write fails and
                  # it stops. So the filter has nothing to repair; off, a recovery is one actor and one hop less.
                  replay-filter.mode = off
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "{{typeof(Persistence.RecoveryBatchingSqlSnapshotStore).AssemblyQualifiedName}}"
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                }
              }
            }
            """;
    }

    private static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
