using System.Text.Json.Nodes;

namespace InstaIntel.Simulator.Tests.Support;

/// <summary>The captured Instagram responses in the checkout's tests/fixtures/instagram (or $INSTAINTEL_FIXTURES).</summary>
internal static class InstagramFixtures
{
    private static readonly Lazy<string> Folder = new(Find);

    public static JsonNode Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder.Value, name))) ?? throw new InvalidOperationException($"{name} is empty");

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("INSTAINTEL_FIXTURES") is { Length: > 0 } configured)
            return configured;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(folder.FullName, "tests", "fixtures", "instagram") })
            {
                if (File.Exists(Path.Combine(candidate, "SOURCES.md")))
                    return Path.GetFullPath(candidate);
            }
        }
        throw new InvalidOperationException($"tests/fixtures/instagram not found above {AppContext.BaseDirectory}; set INSTAINTEL_FIXTURES");
    }
}
