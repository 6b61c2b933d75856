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
              # two queries in flight), so more at once means fuller batches, not more load on the database: with
              # 50, 1,185 recoveries/s (3,000 accounts); with 250 or 500, about 2,000-2,400/s at 10,000
              # (docs/performance.md, section 2).
              max-concurrent-recoveries = 500
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "{{typeof(Persistence.RecoveryBatchingSqlJournal).AssemblyQualifiedName}}"
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
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
