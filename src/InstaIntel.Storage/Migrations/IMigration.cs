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

    public MigrationBuilder Sql(string statement)
    {
        _statements.Add(statement);
        return this;
    }
}
