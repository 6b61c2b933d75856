using InstaIntel.Storage.Migrations;
using InstaIntel.Storage.Schema;
using InstaIntel.Testing;

namespace InstaIntel.Storage.Tests.Schema;

/// <summary>Reads a test database's application tables (everything but the migrations' own bookkeeping).</summary>
public static class LiveSchema
{
    public const string MigrationsTable = "schema_migrations";

    /// <summary>The service's own tables: bookkeeping and API keys, not part of the seed's data model.</summary>
    public static readonly IReadOnlySet<string> ServiceTables = new HashSet<string> { MigrationsTable, "api_keys" };

    /// <summary>The seed's tables as the migrations declare them.</summary>
    public static IReadOnlyList<TableDefinition> SeedTables() =>
        SchemaMigrator.DescribeSchema().Where(t => !ServiceTables.Contains(t.Name)).ToList();

    public static async Task<IReadOnlyList<LiveTable>> ReadAsync(TestDatabase database)
    {
        await using var db = database.Factory().Open();
        return (await SchemaInspector.ReadAsync(db)).Where(t => !ServiceTables.Contains(t.Name)).ToList();
    }

    /// <summary>An order-independent, comparable rendering of a table: one line per fact.</summary>
    public static IEnumerable<string> Facts(LiveTable table) =>
        table.Columns.Select(c => $"{table.Name}.{c.Name} {c.Type}{(c.NotNull ? " NOT NULL" : "")}")
            .Concat(table.UniqueIndexes.Select(u => $"{table.Name} UNIQUE ({string.Join(", ", u)})"))
            .Concat(table.ForeignKeys.Select(f => $"{table.Name}.{f.Column} -> {f.ReferencesTable}"))
            .Order(StringComparer.Ordinal);

    /// <summary>The same facts as the migrations declare them (what both engines must hold).</summary>
    public static IEnumerable<string> DeclaredFacts(TableDefinition table) =>
        table.Columns.Select(c => $"{table.Name}.{c.Name} {c.Type}{(c.NotNull ? " NOT NULL" : "")}")
            .Concat(table.Indexes.Where(i => i.Unique).Select(u => $"{table.Name} UNIQUE ({string.Join(", ", u.Columns)})"))
            .Concat(table.Columns.Where(c => c.ReferencesTable is not null).Select(c => $"{table.Name}.{c.Name} -> {c.ReferencesTable}"))
            .Order(StringComparer.Ordinal);

    public static IReadOnlyList<TableDefinition> Declared() => SeedTables();
}
