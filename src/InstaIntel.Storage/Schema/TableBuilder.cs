namespace InstaIntel.Storage.Schema;

public sealed record ColumnDefinition(string Name, ColumnType Type, bool NotNull, string? DefaultSql, string? ReferencesTable);

public sealed record IndexDefinition(string Name, IReadOnlyList<string> Columns, bool Unique);

public sealed record TableDefinition(string Name, IReadOnlyList<ColumnDefinition> Columns, IReadOnlyList<IndexDefinition> Indexes);

/// <summary>
/// Describes one table engine-neutrally. Every table gets <c>id</c>, <c>created_at</c> and <c>updated_at</c>;
/// <see cref="References"/> adds a bigint column with a foreign key.
/// </summary>
public sealed class TableBuilder(string table)
{
    private readonly List<ColumnDefinition> _columns = [];
    private readonly List<IndexDefinition> _indexes = [];

    public TableBuilder String(string name, bool notNull = false, string? @default = null) => Add(name, ColumnType.String, notNull, Quote(@default));
    public TableBuilder Text(string name, bool notNull = false) => Add(name, ColumnType.Text, notNull, null);
    public TableBuilder Integer(string name, bool notNull = false, int? @default = null) => Add(name, ColumnType.Integer, notNull, @default?.ToString());
    public TableBuilder BigInt(string name, bool notNull = false, long? @default = null) => Add(name, ColumnType.BigInt, notNull, @default?.ToString());
    public TableBuilder Float(string name, bool notNull = false) => Add(name, ColumnType.Float, notNull, null);
    public TableBuilder Boolean(string name, bool notNull = false, bool? @default = null) => Add(name, ColumnType.Boolean, notNull, @default switch { null => null, true => "TRUE", false => "FALSE" });
    public TableBuilder Timestamp(string name, bool notNull = false) => Add(name, ColumnType.Timestamp, notNull, null);
    /// <param name="default">A JSON literal such as <c>{}</c> or <c>[]</c>.</param>
    public TableBuilder Json(string name, bool notNull = false, string? @default = null) => Add(name, ColumnType.Json, notNull, Quote(@default));

    public TableBuilder References(string name, string table, bool notNull = false)
    {
        _columns.Add(new ColumnDefinition(name, ColumnType.BigInt, notNull, null, table));
        return Index(name);
    }

    public TableBuilder Unique(params string[] columns)
    {
        _indexes.Add(new IndexDefinition($"ux_{table}_{string.Join("_", columns)}", columns, true));
        return this;
    }

    public TableBuilder Index(params string[] columns)
    {
        var name = $"ix_{table}_{string.Join("_", columns)}";
        if (_indexes.All(i => i.Name != name))
            _indexes.Add(new IndexDefinition(name, columns, false));
        return this;
    }

    public TableDefinition Build()
    {
        var columns = new List<ColumnDefinition> { new("id", ColumnType.BigInt, true, null, null) };
        columns.AddRange(_columns);
        columns.Add(new ColumnDefinition("created_at", ColumnType.Timestamp, true, null, null));
        columns.Add(new ColumnDefinition("updated_at", ColumnType.Timestamp, true, null, null));
        var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"{table}.{duplicate.Key} is declared twice");
        return new TableDefinition(table, columns, WithoutRedundantIndexes(_indexes));
    }

    /// <summary>Only what was declared (no id or timestamps): columns and indexes added to an existing table.</summary>
    internal (IReadOnlyList<ColumnDefinition> Columns, IReadOnlyList<IndexDefinition> Indexes) BuildAdditions() =>
        (_columns.ToList(), WithoutRedundantIndexes(_indexes));

    // A plain index whose columns lead another index adds nothing: the longer one serves the same lookups.
    // This lets References() index every foreign key without doubling the composite indexes that start with it.
    private static List<IndexDefinition> WithoutRedundantIndexes(List<IndexDefinition> indexes) =>
        indexes.Where(index => index.Unique || !indexes.Any(other =>
                !ReferenceEquals(other, index) &&
                other.Columns.Count >= index.Columns.Count &&
                other.Columns.Take(index.Columns.Count).SequenceEqual(index.Columns)))
            .ToList();

    private TableBuilder Add(string name, ColumnType type, bool notNull, string? defaultSql)
    {
        _columns.Add(new ColumnDefinition(name, type, notNull, defaultSql, null));
        return this;
    }

    private static string? Quote(string? literal) => literal is null ? null : "'" + literal.Replace("'", "''") + "'";
}
