using System.Text.Json;

namespace InstaIntel.Storage.Tests.Schema;

/// <summary>One table as the hand-written manifest states it from the seed.</summary>
public sealed record ManifestTable(
    string Name,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> JsonColumns,
    IReadOnlyList<IReadOnlyList<string>> Unique,
    IReadOnlyDictionary<string, string> ForeignKeys);

/// <summary>Loads <c>Schema/schema-manifest.json</c> (copied beside the test assembly).</summary>
public static class SchemaManifest
{
    public static IReadOnlyDictionary<string, ManifestTable> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Schema", "schema-manifest.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var tables = new Dictionary<string, ManifestTable>(StringComparer.Ordinal);
        foreach (var table in document.RootElement.GetProperty("tables").EnumerateObject())
        {
            tables.Add(table.Name, new ManifestTable(
                table.Name,
                Strings(table.Value.GetProperty("columns")),
                Strings(table.Value.GetProperty("json_columns")),
                table.Value.GetProperty("unique").EnumerateArray().Select(u => (IReadOnlyList<string>)Strings(u)).ToList(),
                table.Value.GetProperty("foreign_keys").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!)));
        }
        return tables;
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
