using System.Data.Common;

namespace InstaIntel.Storage.Schema;

public sealed record LiveColumn(string Name, ColumnType Type, bool NotNull);

public sealed record LiveForeignKey(string Column, string ReferencesTable);

/// <summary>One table as the database holds it, in the migrations' engine-neutral terms.</summary>
public sealed record LiveTable(
    string Name,
    IReadOnlyList<LiveColumn> Columns,
    IReadOnlyList<IReadOnlyList<string>> UniqueIndexes,
    IReadOnlyList<LiveForeignKey> ForeignKeys);

/// <summary>
/// Reads what a live database actually holds (tables, columns with their logical type and nullability,
/// unique indexes, foreign keys) from the engine's catalogue, so that the schema can be checked against the
/// seed and the two engines against each other.
/// </summary>
public static class SchemaInspector
{
    public static async Task<IReadOnlyList<LiveTable>> ReadAsync(InstaIntelDb db, CancellationToken cancellationToken = default)
    {
        var connection = db.OpenDbConnection();
        var dialect = SqlDialect.For(db.Engine);
        var logicalTypes = Enum.GetValues<ColumnType>().ToDictionary(t => dialect.TypeName(t), StringComparer.OrdinalIgnoreCase);
        var catalogue = db.Engine == DatabaseEngine.Sqlite ? (ICatalogue)new SqliteCatalogue(connection) : new PostgresCatalogue(connection);

        var tables = new List<LiveTable>();
        foreach (var table in (await catalogue.TablesAsync(cancellationToken)).Order(StringComparer.Ordinal))
        {
            var columns = (await catalogue.ColumnsAsync(table, cancellationToken))
                .Select(c => new LiveColumn(c.Name, c.IsPrimaryKey ? ColumnType.BigInt : LogicalType(table, c, logicalTypes), c.NotNull || c.IsPrimaryKey))
                .ToList();
            tables.Add(new LiveTable(
                table,
                columns,
                await catalogue.UniqueIndexesAsync(table, cancellationToken),
                await catalogue.ForeignKeysAsync(table, cancellationToken)));
        }
        return tables;
    }

    // SQLite's rowid alias must be declared INTEGER; it is 64-bit, the same as PostgreSQL's bigint identity.
    private static ColumnType LogicalType(string table, RawColumn column, Dictionary<string, ColumnType> logicalTypes) =>
        logicalTypes.TryGetValue(column.PhysicalType, out var type)
            ? type
            : throw new InvalidOperationException($"{table}.{column.Name} has type '{column.PhysicalType}', which no migration writes");

    private sealed record RawColumn(string Name, string PhysicalType, bool NotNull, bool IsPrimaryKey);

    private interface ICatalogue
    {
        Task<List<string>> TablesAsync(CancellationToken cancellationToken);
        Task<List<RawColumn>> ColumnsAsync(string table, CancellationToken cancellationToken);
        Task<IReadOnlyList<IReadOnlyList<string>>> UniqueIndexesAsync(string table, CancellationToken cancellationToken);
        Task<IReadOnlyList<LiveForeignKey>> ForeignKeysAsync(string table, CancellationToken cancellationToken);
    }

    private sealed class SqliteCatalogue(DbConnection connection) : ICatalogue
    {
        public Task<List<string>> TablesAsync(CancellationToken cancellationToken) =>
            QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", [], r => r.GetString(0), cancellationToken);

        public Task<List<RawColumn>> ColumnsAsync(string table, CancellationToken cancellationToken) =>
            QueryAsync(connection, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@table) ORDER BY cid", [("table", table)],
                r => new RawColumn(r.GetString(0), r.GetString(1), r.GetInt64(2) == 1, r.GetInt64(3) > 0), cancellationToken);

        public async Task<IReadOnlyList<IReadOnlyList<string>>> UniqueIndexesAsync(string table, CancellationToken cancellationToken)
        {
            // origin 'pk' is the rowid primary key; 'c' (CREATE UNIQUE INDEX) and 'u' (UNIQUE constraint) are ours.
            var names = await QueryAsync(connection, "SELECT name FROM pragma_index_list(@table) WHERE \"unique\" = 1 AND origin <> 'pk'", [("table", table)],
                r => r.GetString(0), cancellationToken);
            var indexes = new List<IReadOnlyList<string>>();
            foreach (var name in names.Order(StringComparer.Ordinal))
                indexes.Add(await QueryAsync(connection, "SELECT name FROM pragma_index_info(@index) ORDER BY seqno", [("index", name)], r => r.GetString(0), cancellationToken));
            return indexes;
        }

        public async Task<IReadOnlyList<LiveForeignKey>> ForeignKeysAsync(string table, CancellationToken cancellationToken) =>
            await QueryAsync(connection, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(@table) ORDER BY \"from\"", [("table", table)],
                r => new LiveForeignKey(r.GetString(0), r.GetString(1)), cancellationToken);
    }

    private sealed class PostgresCatalogue(DbConnection connection) : ICatalogue
    {
        public Task<List<string>> TablesAsync(CancellationToken cancellationToken) =>
            QueryAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", [],
                r => r.GetString(0), cancellationToken);

        public Task<List<RawColumn>> ColumnsAsync(string table, CancellationToken cancellationToken) =>
            QueryAsync(connection, """
                SELECT c.column_name, c.data_type, c.is_nullable = 'NO',
                       EXISTS (SELECT 1 FROM information_schema.table_constraints tc
                               JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
                               WHERE tc.table_schema = c.table_schema AND tc.table_name = c.table_name
                                 AND tc.constraint_type = 'PRIMARY KEY' AND k.column_name = c.column_name)
                FROM information_schema.columns c
                WHERE c.table_schema = current_schema() AND c.table_name = @table
                ORDER BY c.ordinal_position
                """, [("table", table)],
                r => new RawColumn(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetBoolean(3)), cancellationToken);

        public async Task<IReadOnlyList<IReadOnlyList<string>>> UniqueIndexesAsync(string table, CancellationToken cancellationToken)
        {
            var rows = await QueryAsync(connection, """
                SELECT i.relname, a.attname
                FROM pg_index x
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                JOIN pg_class i ON i.oid = x.indexrelid
                CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, position)
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                WHERE n.nspname = current_schema() AND t.relname = @table AND x.indisunique AND NOT x.indisprimary
                ORDER BY i.relname, k.position
                """, [("table", table)], r => (Index: r.GetString(0), Column: r.GetString(1)), cancellationToken);
            return rows.GroupBy(r => r.Index).Select(g => (IReadOnlyList<string>)g.Select(r => r.Column).ToList()).ToList();
        }

        public async Task<IReadOnlyList<LiveForeignKey>> ForeignKeysAsync(string table, CancellationToken cancellationToken) =>
            await QueryAsync(connection, """
                SELECT a.attname, r.relname
                FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                JOIN pg_class r ON r.oid = c.confrelid
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND n.nspname = current_schema() AND t.relname = @table
                ORDER BY a.attname
                """, [("table", table)], r => new LiveForeignKey(r.GetString(0), r.GetString(1)), cancellationToken);
    }

    private static async Task<List<T>> QueryAsync<T>(
        DbConnection connection, string sql, (string Name, object Value)[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        return rows;
    }
}
