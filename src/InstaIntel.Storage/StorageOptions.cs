namespace InstaIntel.Storage;

/// <summary>Which relational engine holds the application tables and the Akka journal.</summary>
public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}

/// <summary>Bound from <c>InstaIntel:Storage</c>. One setting picks the engine; the journal shares the database.</summary>
public sealed class StorageOptions
{
    public const string Section = "InstaIntel:Storage";

    public DatabaseEngine Engine { get; set; } = DatabaseEngine.Sqlite;

    /// <summary>ADO.NET connection string; for SQLite the default is a file under <c>./data/</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/instaintel.db";

    /// <summary>The linq2db provider name for the engine (the one Akka.Persistence.Sql uses too).</summary>
    public string ProviderName => Engine switch
    {
        DatabaseEngine.Sqlite => LinqToDB.ProviderName.SQLiteMS,
        DatabaseEngine.PostgreSql => LinqToDB.ProviderName.PostgreSQL15,
        _ => throw new InvalidOperationException($"unknown engine {Engine}"),
    };

    /// <summary>Statements Npgsql prepares per connection unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Connection string as the engine needs it. SQLite: foreign keys on, a busy wait instead of instant lock errors.
    /// PostgreSQL: statements the node repeats (the journal's and snapshot store's reads and writes, the projections)
    /// are prepared once per connection instead of parsed and planned per execution, unless the connection string sets
    /// <c>Max Auto Prepare</c> itself (0 turns it off, e.g. behind a pooler in transaction mode); and a pooled connection
    /// is not reset when returned (<c>No Reset On Close</c>, unless set): with prepared statements the reset is seven
    /// statements per checkout, and the node leaves no session state behind (the migrator's advisory lock is released
    /// explicitly).
    /// </summary>
    public string EffectiveConnectionString
    {
        get
        {
            if (Engine == DatabaseEngine.PostgreSql)
            {
                var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
                if (!npgsql.ContainsKey("Max Auto Prepare")) npgsql.MaxAutoPrepare = DefaultMaxAutoPrepare;
                if (!npgsql.ContainsKey("No Reset On Close")) npgsql.NoResetOnClose = true;
                return npgsql.ToString();
            }
            if (Engine != DatabaseEngine.Sqlite) return ConnectionString;
            var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString)
            {
                ForeignKeys = true,
                DefaultTimeout = Math.Max(30, new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DefaultTimeout),
                Pooling = true,
            };
            return builder.ToString();
        }
    }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidOperationException($"{Section}:ConnectionString is empty");
    }
}
