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

    /// <summary>Connection string as the engine needs it (SQLite: foreign keys on, a busy wait instead of instant lock errors).</summary>
    public string EffectiveConnectionString
    {
        get
        {
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
