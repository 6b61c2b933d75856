using InstaIntel.Storage;
using InstaIntel.Storage.Migrations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.Admin;

/// <summary><c>/api/admin/db</c>: bring the schema up to date (the same migrator every node runs at start).</summary>
public static class DatabaseEndpoints
{
    public static void MapDatabaseAdmin(this RouteGroupBuilder admin) =>
        admin.MapPost("/db/migrate", Migrate).WithTags("Admin: database");

    private static async Task<Ok<MigrationResult>> Migrate(SchemaMigrator migrator, StorageOptions storage, CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        return TypedResults.Ok(new MigrationResult(
            storage.Engine.ToString(),
            applied.Select(m => new AppliedMigration(m.Version, m.Name)).ToList(),
            MigrationCatalog.All.Max(m => m.Version)));
    }
}
