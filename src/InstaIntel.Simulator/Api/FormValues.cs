using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstaIntel.Simulator.Api;

/// <summary>Reading Instagram's form-encoded POST bodies.</summary>
internal static class FormValues
{
    public static async Task<IFormCollection?> ReadAsync(HttpContext context) =>
        context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;

    public static string? Text(this IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } text ? text : null;

    /// <summary>recipient_users as Instagram sends it: [["id"]] (also tolerates ["id"] and numbers).</summary>
    public static IReadOnlyList<long> UserIds(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return [];
        }
        var ids = new List<long>();
        Collect(node, ids);
        return ids.Distinct().ToArray();
    }

    private static void Collect(JsonNode? node, List<long> ids)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                    Collect(item, ids);
                break;
            case JsonValue value when value.TryGetValue<long>(out var number):
                ids.Add(number);
                break;
            case JsonValue value when value.TryGetValue<string>(out var text)
                && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                ids.Add(parsed);
                break;
        }
    }
}
