using InstaIntel.Storage.Schema;

namespace InstaIntel.Storage.Migrations;

/// <summary>One versioned, forward-only schema step, written once for both engines.</summary>
public interface IMigration
{
    int Version { get; }
    string Name { get; }
    void Up(MigrationBuilder schema);
}

/// <summary>Collects a migration's statements in the engine's dialect.</summary>
public sealed class MigrationBuilder(SqlDialect dialect)
{
    private readonly List<string> _statements = [];
    private readonly List<TableDefinition> _tables = [];

    public IReadOnlyList<string> Statements => _statements;
    public IReadOnlyList<TableDefinition> Tables => _tables;

    public MigrationBuilder CreateTable(string name, Action<TableBuilder> define)
    {
        var builder = new TableBuilder(name);
        define(builder);
        var table = builder.Build();
        _tables.Add(table);
        _statements.AddRange(dialect.CreateTable(table));
        return this;
    }

    /// <summary>
    /// Adds columns (and their indexes) to a table an earlier migration created. Added NOT NULL columns need a
    /// default: SQLite cannot add them otherwise, and existing rows need a value.
    /// </summary>
    public MigrationBuilder AddColumns(string table, Action<TableBuilder> define)
    {
        var builder = new TableBuilder(table);
        define(builder);
        var (columns, indexes) = builder.BuildAdditions();
        var withoutDefault = columns.FirstOrDefault(c => c.NotNull && c.DefaultSql is null);
        if (withoutDefault is not null)
            throw new InvalidOperationException($"{table}.{withoutDefault.Name} is added NOT NULL without a default");
        _statements.AddRange(columns.Select(c => dialect.AddColumn(table, c)));
        _statements.AddRange(indexes.Select(i => dialect.CreateIndex(table, i)));

        // Keep the description whole when earlier migrations ran on this builder (DescribeSchema).
        var described = _tables.FindIndex(t => t.Name == table);
        if (described >= 0)
            _tables[described] = _tables[described] with
            {
                Columns = [.. _tables[described].Columns, .. columns],
                Indexes = [.. _tables[described].Indexes, .. indexes],
            };
        return this;
    }

    public MigrationBuilder Sql(string statement)
    {
        _statements.Add(statement);
        return this;
    }
}
