using System.Text.Json;

namespace InstaIntel.Instagram.Tests.Parsers;

/// <summary>The entries of errors_documented.json: each an HTTP status and a body, keyed by situation.</summary>
public static class DocumentedErrors
{
    public sealed record Entry(int Status, string Body);

    public static IReadOnlyDictionary<string, Entry> Load()
    {
        using var document = JsonDocument.Parse(InstagramFixtures.Read("errors_documented.json"));
        var entries = new Dictionary<string, Entry>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name.StartsWith('_')) continue; // _note
            entries[property.Name] = new Entry(property.Value.GetProperty("http_status").GetInt32(), property.Value.GetProperty("body").GetRawText());
        }
        return entries;
    }
}
