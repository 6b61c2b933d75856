using InstaIntel.Storage.Migrations;

namespace InstaIntel.Node.Hosting;

/// <summary>Brings the schema up to date at start, before the actor system starts.</summary>
internal sealed class DatabaseMigrationService(SchemaMigrator migrator, ILogger<DatabaseMigrationService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        foreach (var migration in applied)
            log.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
