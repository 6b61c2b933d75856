using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstaIntel.Simulator.Api;

/// <summary>Writes JSON bodies the way Instagram does (application/json, snake_case names as given).</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static IResult Ok(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Options), "application/json; charset=utf-8", statusCode: status);

    public static JsonObject Status(string status = "ok") => new() { ["status"] = status };

    public static JsonArray Array(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
            array.Add(item);
        return array;
    }

    public static JsonObject PageInfo(bool hasNextPage, string? endCursor) => new()
    {
        ["has_next_page"] = hasNextPage,
        ["end_cursor"] = endCursor,
    };
}
