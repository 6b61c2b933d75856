using InstaIntel.Storage.Migrations;
using InstaIntel.Storage.Schema;
using InstaIntel.Storage.Tests.Schema;
using InstaIntel.Testing;
using LinqToDB.Data;

namespace InstaIntel.Storage.Tests.Migrations;

/// <summary>The steps a later migration uses render on both engines and keep the described schema true.</summary>
public sealed class MigrationBuilderTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Columns_added_to_an_existing_table_land_with_their_foreign_key_and_unique_index(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var builder = new MigrationBuilder(SqlDialect.For(engine));
        builder.AddColumns("profile_tags", t => t
            .String("color", notNull: true, @default: "grey")
            .References("owner_profile_id", "instagram_profiles")
            .Unique("name", "color"));

        await using (var db = database.Factory().Open())
        {
            foreach (var statement in builder.Statements)
                await db.ExecuteAsync(statement);
        }

        var tags = (await LiveSchema.ReadAsync(database)).Single(t => t.Name == "profile_tags");
        Assert.Contains(new LiveColumn("color", ColumnType.String, NotNull: true), tags.Columns);
        Assert.Contains(new LiveColumn("owner_profile_id", ColumnType.BigInt, NotNull: false), tags.Columns);
        Assert.Contains(new LiveForeignKey("owner_profile_id", "instagram_profiles"), tags.ForeignKeys);
        Assert.Contains(tags.UniqueIndexes, u => u.SequenceEqual(["name", "color"]));
    }

    [Fact]
    public void Added_columns_join_the_described_table_and_a_not_null_column_needs_a_default()
    {
        var builder = new MigrationBuilder(new SqliteDialect());
        builder.CreateTable("widgets", t => t.String("name", notNull: true));
        builder.AddColumns("widgets", t => t.Integer("size", notNull: true, @default: 1));

        Assert.Contains(builder.Tables.Single().Columns, c => c is { Name: "size", Type: ColumnType.Integer, NotNull: true });
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddColumns("widgets", t => t.Integer("weight", notNull: true)));
        Assert.Contains("without a default", error.Message);
    }
}
