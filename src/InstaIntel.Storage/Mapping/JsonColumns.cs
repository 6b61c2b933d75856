using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using InstaIntel.Domain.Common;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.Mapping;

namespace InstaIntel.Storage.Mapping;

/// <summary>
/// JSON columns: free-form <see cref="JsonNode"/> values, typed metadata contracts (<see cref="IJsonContract"/>)
/// and string lists, stored as jsonb on PostgreSQL and text on SQLite, with snake_case property names as the
/// seed writes them. Keys a contract does not declare survive a round trip (<see cref="JsonContract"/>).
/// </summary>
public static class JsonColumns
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// JSON-mapped property types: free-form <see cref="JsonNode"/>s, typed contracts, and string lists (the
    /// insight tables' topic, template and suggestion columns, stored as a JSON array).
    /// </summary>
    public static bool IsJson(Type type) =>
        typeof(JsonNode).IsAssignableFrom(type) || typeof(IJsonContract).IsAssignableFrom(type) || type == typeof(IReadOnlyList<string>);

    internal static void Register(MappingSchema schema, DatabaseEngine engine, IEnumerable<Type> types)
    {
        var register = typeof(JsonColumns).GetMethod(nameof(RegisterType), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        foreach (var type in types.Where(IsJson).Distinct())
            register.MakeGenericMethod(type).Invoke(null, [schema, engine]);
    }

    private static void RegisterType<T>(MappingSchema schema, DatabaseEngine engine) where T : class
    {
        var dataType = engine == DatabaseEngine.PostgreSql ? DataType.BinaryJson : DataType.NText;
        schema.SetConverter<T?, string?>(value => value == null ? null : JsonSerializer.Serialize(value, Options));
        schema.SetConverter<T?, DataParameter>(value => new DataParameter
        {
            DataType = dataType,
            Value = value == null ? null : JsonSerializer.Serialize(value, Options),
        });
        schema.SetConverter<string?, T?>(FromText<T>);
    }

    /// <summary>A JSON column's stored text as its contract (null for no text): the mapping's read, for plain-SQL reads too.</summary>
    internal static T? FromText<T>(string? text) where T : class =>
        string.IsNullOrEmpty(text) ? null : JsonSerializer.Deserialize<T>(text, Options);
}
