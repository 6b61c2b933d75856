using System.Reflection;
using InstaIntel.Domain.Common;
using InstaIntel.Storage.Mapping;
using InstaIntel.Storage.Migrations;
using InstaIntel.Storage.Tests.Schema;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB.Data;

namespace InstaIntel.Storage.Tests.Mapping;

/// <summary>Every Domain entity maps onto its table column for column, and every column survives a round trip.</summary>
public sealed class EntityMappingTests
{
    [Fact]
    public void Every_table_has_an_entity_type()
    {
        Assert.Equal(
            SchemaMigrator.DescribeSchema().Select(t => t.Name).Order(StringComparer.Ordinal),
            EntityTables.All.Values.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Every_entity_maps_exactly_the_columns_of_its_table(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var live = (await LiveSchema.ReadAsync(database)).ToDictionary(t => t.Name);
        await using var db = database.Factory().Open();

        var differences = new List<string>();
        foreach (var (type, table) in EntityTables.All.Where(e => !LiveSchema.ServiceTables.Contains(e.Value)))
        {
            var mapped = db.MappingSchema.GetEntityDescriptor(type).Columns.Select(c => c.ColumnName).ToHashSet();
            var columns = live[table].Columns.Select(c => c.Name).ToHashSet();
            differences.AddRange(mapped.Except(columns).Select(c => $"{type.Name} maps {table}.{c}, which does not exist"));
            differences.AddRange(columns.Except(mapped).Select(c => $"{table}.{c} has no property on {type.Name}"));
        }
        Assert.Empty(differences);
    }

    [Fact]
    public void Nullable_properties_are_exactly_the_nullable_columns_and_enum_defaults_are_seed_strings()
    {
        var nullability = new NullabilityInfoContext();
        var problems = new List<string>();
        foreach (var table in LiveSchema.SeedTables())
        {
            var type = EntityTables.All.Single(e => e.Value == table.Name).Key;
            var defaults = Activator.CreateInstance(type)!;
            foreach (var column in table.Columns)
            {
                var property = type.GetProperties().Single(p => SeedString.SnakeCase(p.Name) == column.Name);
                var nullable = nullability.Create(property).WriteState == NullabilityState.Nullable;
                if (nullable == column.NotNull)
                    problems.Add($"{table.Name}.{column.Name} is {(column.NotNull ? "NOT NULL" : "nullable")} but {type.Name}.{property.Name} is {(nullable ? "nullable" : "not")}");

                // A row inserted by raw SQL must get the same state the entity starts in.
                if (property.PropertyType.IsEnum && column.DefaultSql is not null)
                {
                    var expected = $"'{SeedString.Of((Enum)property.GetValue(defaults)!)}'";
                    if (column.DefaultSql != expected)
                        problems.Add($"{table.Name}.{column.Name} defaults to {column.DefaultSql}, the entity to {expected}");
                }
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_fully_populated_row_of_every_table_reads_back_equal(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await using var db = database.Factory().Open();
        var written = await SampleRows.InsertEveryTableAsync(db);

        var differences = new List<string>();
        foreach (var (table, row) in written)
            differences.AddRange(DeepEqual.Differences(row, await SampleRows.ReadAsync(db, row.GetType(), row.Id), table));
        Assert.Equal(31 + 1, written.Count); // the seed's tables and api_keys
        Assert.Empty(differences);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Enum_columns_hold_the_seeds_strings(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await using var db = database.Factory().Open();
        var written = await SampleRows.InsertEveryTableAsync(db);

        var checkedColumns = 0;
        var differences = new List<string>();
        foreach (var (table, row) in written)
        {
            foreach (var property in SampleRows.Writable(row.GetType()).Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).IsEnum))
            {
                var column = SeedString.SnakeCase(property.Name);
                var raw = await db.ExecuteAsync<string>($"SELECT {column} FROM {table} WHERE id = @id", new DataParameter("id", row.Id));
                var expected = SeedString.Of((Enum)property.GetValue(row)!);
                checkedColumns++;
                if (raw != expected)
                    differences.Add($"{table}.{column}: stored '{raw}', the seed's string is '{expected}'");
            }
        }
        Assert.Empty(differences);
        Assert.True(checkedColumns >= 25, $"only {checkedColumns} enum columns were checked");
    }
}
