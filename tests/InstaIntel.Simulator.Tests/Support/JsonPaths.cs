using System.Text.Json.Nodes;

namespace InstaIntel.Simulator.Tests.Support;

/// <summary>Key paths like "data.user.edge_followed_by.edges[].node.username": "[]" steps into an array's items and
/// the path exists when any item has the rest of it.</summary>
internal static class JsonPaths
{
    public static bool Exists(JsonNode? node, string path) => Exists(node, path.Split('.'), 0);

    private static bool Exists(JsonNode? node, string[] segments, int index)
    {
        if (index == segments.Length)
            return true;
        var segment = segments[index];
        var intoArray = segment.EndsWith("[]", StringComparison.Ordinal);
        var name = intoArray ? segment[..^2] : segment;
        if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out var child))
            return false;
        if (!intoArray)
            return Exists(child, segments, index + 1);
        return child is JsonArray array && array.Any(item => Exists(item, segments, index + 1));
    }

    /// <summary>Fails naming every path missing from the fixture (a wrong test) or from the simulator's response.</summary>
    public static void AssertShared(JsonNode fixture, JsonNode response, IEnumerable<string> paths, string fixturePrefix = "", string responsePrefix = "")
    {
        var missingInFixture = new List<string>();
        var missingInResponse = new List<string>();
        foreach (var path in paths)
        {
            if (!Exists(fixture, fixturePrefix + path))
                missingInFixture.Add(fixturePrefix + path);
            if (!Exists(response, responsePrefix + path))
                missingInResponse.Add(responsePrefix + path);
        }
        Assert.True(missingInFixture.Count == 0, "paths missing in the fixture: " + string.Join(", ", missingInFixture));
        Assert.True(missingInResponse.Count == 0, "paths missing in the simulator's response: " + string.Join(", ", missingInResponse));
    }
}
