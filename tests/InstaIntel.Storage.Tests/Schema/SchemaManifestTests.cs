using InstaIntel.Storage.Schema;
using InstaIntel.Testing;

namespace InstaIntel.Storage.Tests.Schema;

/// <summary>A freshly migrated database holds the seed's data model, as the hand-written manifest states it.</summary>
public sealed class SchemaManifestTests
{
    private static readonly IReadOnlyDictionary<string, ManifestTable> Manifest = SchemaManifest.Load();

    [Fact]
    public void The_manifest_lists_the_seeds_31_tables()
    {
        Assert.Equal(31, Manifest.Count);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Migrating_an_empty_database_creates_exactly_the_seeds_tables(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var live = await LiveSchema.ReadAsync(database);

        Assert.Equal(Manifest.Keys.Order(StringComparer.Ordinal), live.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Every_seed_column_exists_and_json_fields_have_the_json_type(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var live = (await LiveSchema.ReadAsync(database)).ToDictionary(t => t.Name);

        var missing = new List<string>();
        var notJson = new List<string>();
        foreach (var table in Manifest.Values)
        {
            if (!live.TryGetValue(table.Name, out var liveTable)) { missing.Add(table.Name); continue; }
            var columns = liveTable.Columns.ToDictionary(c => c.Name);
            missing.AddRange(table.Columns.Where(c => !columns.ContainsKey(c)).Select(c => $"{table.Name}.{c}"));
            notJson.AddRange(table.JsonColumns.Where(c => !columns.TryGetValue(c, out var column) || column.Type != ColumnType.Json).Select(c => $"{table.Name}.{c}"));
            Assert.True(columns["id"].NotNull && columns["created_at"].NotNull && columns["updated_at"].NotNull, $"{table.Name}: id and timestamps must be NOT NULL");
        }
        Assert.Empty(missing);
        Assert.Empty(notJson);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_database_holds_exactly_the_seeds_uniqueness_rules(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var live = await LiveSchema.ReadAsync(database);

        var expected = Manifest.Values.SelectMany(t => t.Unique.Select(u => $"{t.Name} ({string.Join(", ", u)})")).Order(StringComparer.Ordinal).ToList();
        var actual = live.SelectMany(t => t.UniqueIndexes.Select(u => $"{t.Name} ({string.Join(", ", u)})")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Every_relationship_the_seed_states_is_a_foreign_key(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var live = (await LiveSchema.ReadAsync(database)).ToDictionary(t => t.Name);

        var missing = Manifest.Values
            .SelectMany(t => t.ForeignKeys.Select(f => (Table: t.Name, Column: f.Key, Parent: f.Value)))
            .Where(f => !live[f.Table].ForeignKeys.Contains(new LiveForeignKey(f.Column, f.Parent)))
            .Select(f => $"{f.Table}.{f.Column} -> {f.Parent}")
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task SQLite_and_PostgreSQL_hold_the_same_schema_which_is_the_one_the_migrations_declare()
    {
        await using var sqlite = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite, migrate: true);
        await using var postgres = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql, migrate: true);
        var sqliteFacts = (await LiveSchema.ReadAsync(sqlite)).SelectMany(LiveSchema.Facts).ToList();
        var postgresFacts = (await LiveSchema.ReadAsync(postgres)).SelectMany(LiveSchema.Facts).ToList();
        var declaredFacts = LiveSchema.Declared().SelectMany(LiveSchema.DeclaredFacts).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(sqliteFacts.Order(StringComparer.Ordinal), postgresFacts.Order(StringComparer.Ordinal));
        Assert.Equal(declaredFacts, sqliteFacts.Order(StringComparer.Ordinal));
    }
}
