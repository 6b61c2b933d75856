using System.Reflection;

namespace InstaIntel.Instagram.Tests.Parsers;

public sealed class FixtureCoverageTests
{
    // Documentation beside the fixtures, not a response.
    private static readonly string[] NotResponses = ["SOURCES.md"];

    private static IReadOnlySet<string> CoveredFiles() =>
        typeof(FixtureCoverageTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static))
            .Where(method => method.GetCustomAttributes<FactAttribute>().Any())
            .SelectMany(method => method.GetCustomAttributes<CoversFixtureAttribute>())
            .Select(attribute => attribute.FileName)
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_fixture_file_has_a_parser_test()
    {
        var files = Directory.GetFiles(InstagramFixtures.FixtureDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Except(NotResponses)
            .ToList();
        Assert.True(files.Count >= 14, $"expected the captured fixtures, found {files.Count} files");
        var uncovered = files.Except(CoveredFiles()).Order().ToList();
        Assert.True(uncovered.Count == 0, $"fixtures without a parser test: {string.Join(", ", uncovered)}");
    }

    [Fact]
    public void Every_covered_fixture_name_is_a_real_file()
    {
        var missing = CoveredFiles().Where(name => !File.Exists(Path.Combine(InstagramFixtures.FixtureDirectory, name))).ToList();
        Assert.True(missing.Count == 0, $"tests cover fixtures that do not exist: {string.Join(", ", missing)}");
    }
}
