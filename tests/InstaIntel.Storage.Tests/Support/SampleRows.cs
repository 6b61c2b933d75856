using System.Reflection;
using InstaIntel.Domain.Common;
using InstaIntel.Storage.Mapping;
using InstaIntel.Storage.Migrations;
using InstaIntel.Storage.Schema;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Tests.Support;

/// <summary>
/// Builds and inserts one fully populated row for every table, parents before children, every property set
/// to a non-default value (enums to their last member, JSON to <see cref="ContractSamples"/>), foreign keys
/// to the parent rows inserted before. Used to prove every column of every entity maps and round-trips.
/// </summary>
public static class SampleRows
{
    public static readonly DateTime At = new(2026, 2, 20, 12, 34, 56, 789, DateTimeKind.Utc);

    private static readonly Dictionary<string, Type> EntityByTable = EntityTables.All.ToDictionary(e => e.Value, e => e.Key);

    /// <summary>Inserts one row in every table in migration order; returns them by table, ids set.</summary>
    public static async Task<IReadOnlyDictionary<string, IEntity>> InsertEveryTableAsync(InstaIntelDb db)
    {
        var rows = new Dictionary<string, IEntity>();
        foreach (var table in SchemaMigrator.DescribeSchema())
        {
            var entity = Create(table, rows);
            entity.Id = await InsertAsync(db, entity);
            rows.Add(table.Name, entity);
        }
        return rows;
    }

    /// <summary>A populated entity for the table, its foreign keys pointing at the given parent rows.</summary>
    public static IEntity Create(TableDefinition table, IReadOnlyDictionary<string, IEntity> parents)
    {
        var type = EntityByTable[table.Name];
        var entity = (IEntity)Activator.CreateInstance(type)!;
        var references = table.Columns.Where(c => c.ReferencesTable is not null).ToDictionary(c => c.Name, c => c.ReferencesTable!);
        foreach (var property in Writable(type).Where(p => p.Name != nameof(IEntity.Id)))
        {
            var column = SeedString.SnakeCase(property.Name);
            if (references.TryGetValue(column, out var parent))
                property.SetValue(entity, parents.TryGetValue(parent, out var row) ? row.Id : null); // self-reference: no parent yet
            else
                property.SetValue(entity, Sample(property, column));
        }
        return entity;
    }

    public static IEnumerable<PropertyInfo> Writable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    public static object? Sample(PropertyInfo property, string column)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsEnum) return Enum.GetValues(type).Cast<object>().Last();
        if (JsonColumns.IsJson(type)) return ContractSamples.For(type, column);
        return type switch
        {
            _ when type == typeof(string) => $"{column}-sample",
            _ when type == typeof(bool) => true,
            _ when type == typeof(int) => 7,
            _ when type == typeof(long) => 4242L,
            _ when type == typeof(double) => 0.625,
            _ when type == typeof(DateTime) => At,
            _ => throw new InvalidOperationException($"no sample for {property.DeclaringType!.Name}.{property.Name} ({type.Name})"),
        };
    }

    /// <summary>A copy of the entity (same values), to insert again.</summary>
    public static IEntity Clone(IEntity entity)
    {
        var copy = (IEntity)Activator.CreateInstance(entity.GetType())!;
        foreach (var property in Writable(entity.GetType()))
            property.SetValue(copy, property.GetValue(entity));
        copy.Id = 0;
        return copy;
    }

    public static Task<long> InsertAsync(InstaIntelDb db, IEntity entity) =>
        (Task<long>)Generic(nameof(InsertTypedAsync), entity.GetType()).Invoke(null, [db, entity])!;

    public static Task<IEntity> ReadAsync(InstaIntelDb db, Type type, long id) =>
        (Task<IEntity>)Generic(nameof(ReadTypedAsync), type).Invoke(null, [db, id])!;

    private static MethodInfo Generic(string name, Type type) =>
        typeof(SampleRows).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);

    private static async Task<long> InsertTypedAsync<T>(InstaIntelDb db, T entity) where T : class, IEntity =>
        await db.InsertWithInt64IdentityAsync(entity);

    private static async Task<IEntity> ReadTypedAsync<T>(InstaIntelDb db, long id) where T : class, IEntity =>
        await db.GetTable<T>().FirstAsync(e => e.Id == id);
}
