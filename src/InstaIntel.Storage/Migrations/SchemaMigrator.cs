using InstaIntel.Storage.Schema;
using LinqToDB;
using LinqToDB.Data;

namespace InstaIntel.Storage.Migrations;

/// <summary>
/// Applies pending migrations in order, each in its own transaction, and records them in
/// <c>schema_migrations</c>. Safe to call from every node at start: PostgreSQL serialises callers with an
/// advisory lock, SQLite with its write lock.
/// </summary>
public sealed class SchemaMigrator(InstaIntelDbFactory factory)
{
    private const long AdvisoryLockKey = 0x1257_A11E_0001;

    public async Task<IReadOnlyList<IMigration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var dialect = SqlDialect.For(db.Engine);
        if (db.Engine == DatabaseEngine.PostgreSql)
            await db.ExecuteAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        else
            await db.ExecuteAsync("PRAGMA journal_mode=WAL", cancellationToken);
        try
        {
            await db.ExecuteAsync(
                $"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name {dialect.TypeName(ColumnType.String)} NOT NULL, applied_at {dialect.TypeName(ColumnType.Timestamp)} NOT NULL)",
                cancellationToken);
            var applied = (await db.QueryToListAsync<int>("SELECT version FROM schema_migrations", cancellationToken)).ToHashSet();
            var done = new List<IMigration>();
            foreach (var migration in MigrationCatalog.All.OrderBy(m => m.Version).Where(m => !applied.Contains(m.Version)))
            {
                var builder = new MigrationBuilder(dialect);
                migration.Up(builder);
                await using var transaction = await db.BeginTransactionAsync(cancellationToken);
                foreach (var statement in builder.Statements)
                    await db.ExecuteAsync(statement, cancellationToken);
                await db.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @applied_at)",
                    cancellationToken,
                    new DataParameter("version", migration.Version),
                    new DataParameter("name", migration.Name),
                    new DataParameter("applied_at", DateTime.UtcNow));
                await transaction.CommitAsync(cancellationToken);
                done.Add(migration);
            }
            return done;
        }
        finally
        {
            if (db.Engine == DatabaseEngine.PostgreSql)
                await db.ExecuteAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>The schema every migration together describes, engine-neutral (used by the schema tests and docs).</summary>
    public static IReadOnlyList<TableDefinition> DescribeSchema()
    {
        var builder = new MigrationBuilder(new SqliteDialect());
        foreach (var migration in MigrationCatalog.All.OrderBy(m => m.Version))
            migration.Up(builder);
        return builder.Tables;
    }
}
