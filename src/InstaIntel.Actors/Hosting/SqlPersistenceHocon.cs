using System.Text;
using InstaIntel.Storage;

namespace InstaIntel.Actors.Hosting;

/// <summary>
/// Akka.Persistence.Sql's journal and snapshot store on the application database. Wired with HOCON because
/// the Akka.Persistence.Sql.Hosting package served here is broken (see STACK.md). Both run as the plugin's classes
/// extended to batch the reads of actors recovering together (<see cref="Persistence.RecoveryBatchingSqlJournal"/>).
/// </summary>
internal static class SqlPersistenceHocon
{
    public static string For(StorageOptions storage)
    {
        var connection = Quote(storage.EffectiveConnectionString);
        var provider = Quote(storage.ProviderName);
        return $$"""
            akka.persistence {
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
