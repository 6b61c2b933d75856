using InstaIntel.Storage.Mapping;
using LinqToDB;
using LinqToDB.Mapping;

namespace InstaIntel.Storage;

/// <summary>Opens connections with the convention mapping; one per node, thread-safe.</summary>
public sealed class InstaIntelDbFactory
{
    private readonly DataOptions _options;

    public InstaIntelDbFactory(StorageOptions storage)
    {
        storage.Validate();
        Storage = storage;
        if (storage.Engine == DatabaseEngine.Sqlite)
            EnsureSqliteFolder(storage.ConnectionString);
        _options = new DataOptions()
            .UseConnectionString(storage.ProviderName, storage.EffectiveConnectionString)
            .UseMappingSchema(BuildMappingSchema(storage.Engine));
    }

    public StorageOptions Storage { get; }

    public InstaIntelDb Open() => new(_options, Storage.Engine);

    internal static MappingSchema BuildMappingSchema(DatabaseEngine engine)
    {
        var schema = new MappingSchema($"InstaIntel.{engine}");
        schema.AddMetadataReader(new ConventionMetadataReader(engine));
        var propertyTypes = EntityTables.All.Keys
            .SelectMany(t => t.GetProperties())
            .Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType);
        JsonColumns.Register(schema, engine, propertyTypes);
        // Timestamps are UTC everywhere; SQLite hands them back unspecified.
        schema.SetConverter<DateTime, DateTime>(d => d.Kind == DateTimeKind.Utc ? d : DateTime.SpecifyKind(d, DateTimeKind.Utc));
        return schema;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder) && file != ":memory:")
            Directory.CreateDirectory(folder);
    }
}
