using InstaIntel.Testing;

namespace InstaIntel.Instagram.Tests.Parsers;

/// <summary>The captured responses in tests/fixtures/instagram (a copy of the shared fixtures kept with the code, so a
/// clean clone tests on its own): the parsers' contract.</summary>
public static class InstagramFixtures
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string FixtureDirectory => Folder.Value;

    public static string Read(string fileName)
    {
        var path = Path.Combine(FixtureDirectory, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"Instagram fixture {fileName} is missing from {FixtureDirectory}", path);
        return File.ReadAllText(path);
    }

    private static string Locate()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "tests", "fixtures", "instagram");
        // Fail loudly: a missing folder must not turn every fixture test into a silent pass.
        if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.json").Length == 0)
            throw new InvalidOperationException($"Instagram fixtures not found at {folder} (expected tests/fixtures/instagram in the checkout)");
        return folder;
    }
}
