using Xunit;
using InstaIntel.Storage;
using InstaIntel.Storage.Migrations;
using Npgsql;

namespace InstaIntel.Testing;

/// <summary>
/// A fresh, empty database on one engine: a SQLite file in a temp folder, or a new database on the run's
/// private PostgreSQL server (started by <c>./build.sh test</c>, named by <see cref="PostgresEnvironmentVariable"/>).
/// A missing PostgreSQL is an error that says so, never a skip.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresEnvironmentVariable = "INSTAINTEL_TEST_POSTGRES";

    private readonly string? _sqliteFolder;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(StorageOptions storage, string? sqliteFolder, string? postgresAdmin, string? postgresName)
    {
        Storage = storage;
        _sqliteFolder = sqliteFolder;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public StorageOptions Storage { get; }
    public DatabaseEngine Engine => Storage.Engine;

    public InstaIntelDbFactory Factory() => new(Storage);

    public static async Task<TestDatabase> CreateAsync(DatabaseEngine engine, bool migrate = false)
    {
        var database = engine switch
        {
            DatabaseEngine.Sqlite => CreateSqlite(),
            DatabaseEngine.PostgreSql => await CreatePostgresAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(engine)),
        };
        if (migrate)
            await new SchemaMigrator(database.Factory()).MigrateAsync();
        return database;
    }

    private static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "instaintel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var storage = new StorageOptions
        {
            Engine = DatabaseEngine.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(folder, "instaintel.db")}",
        };
        return new TestDatabase(storage, folder, null, null);
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = PostgresAdminConnectionString();
        var name = "t_" + Guid.NewGuid().ToString("N")[..20];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var storage = new StorageOptions
        {
            Engine = DatabaseEngine.PostgreSql,
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString(),
        };
        return new TestDatabase(storage, null, admin, name);
    }

    /// <summary>The admin connection string of the run's private PostgreSQL, or a clear error.</summary>
    public static string PostgresAdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresEnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL is required by this test but {PostgresEnvironmentVariable} is not set. " +
                "Run the tests with ./build.sh test, which starts a private PostgreSQL server and sets it.");

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null && _postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteFolder, recursive: true); }
            catch (IOException) { /* a file still open by a dying process; the temp folder is reaped later */ }
        }
    }
}

/// <summary>Theory data: every storage test runs on both engines.</summary>
public static class Engines
{
    public static TheoryData<DatabaseEngine> Both => new() { DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql };
}
