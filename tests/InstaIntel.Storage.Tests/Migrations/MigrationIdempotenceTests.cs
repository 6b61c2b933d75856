using InstaIntel.Storage.Migrations;
using InstaIntel.Storage.Tests.Schema;
using InstaIntel.Testing;
using LinqToDB.Data;

namespace InstaIntel.Storage.Tests.Migrations;

public sealed class MigrationIdempotenceTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Migrating_twice_changes_nothing_and_records_each_version_once(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var migrator = new SchemaMigrator(database.Factory());

        var firstRun = await migrator.MigrateAsync();
        var schemaAfterFirst = (await LiveSchema.ReadAsync(database)).SelectMany(LiveSchema.Facts).ToList();
        var secondRun = await migrator.MigrateAsync();
        var schemaAfterSecond = (await LiveSchema.ReadAsync(database)).SelectMany(LiveSchema.Facts).ToList();

        Assert.Equal(MigrationCatalog.All.Select(m => m.Version), firstRun.Select(m => m.Version));
        Assert.Empty(secondRun);
        Assert.Equal(schemaAfterFirst, schemaAfterSecond);

        await using var db = database.Factory().Open();
        var recorded = await db.QueryToListAsync<int>("SELECT version FROM schema_migrations ORDER BY version");
        Assert.Equal(MigrationCatalog.All.Select(m => m.Version).Order(), recorded);
        var name = await db.ExecuteAsync<string>("SELECT name FROM schema_migrations WHERE version = 1");
        Assert.Equal(MigrationCatalog.All.Single(m => m.Version == 1).Name, name);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Nodes_migrating_at_the_same_time_apply_each_migration_once(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => new SchemaMigrator(database.Factory()).MigrateAsync())));

        Assert.Equal(MigrationCatalog.All.Count, runs.Sum(r => r.Count));
        await using var db = database.Factory().Open();
        Assert.Equal(MigrationCatalog.All.Count, await db.ExecuteAsync<int>("SELECT COUNT(*) FROM schema_migrations"));
    }
}
