namespace InstaIntel.Instagram.Tests.Parsers;

/// <summary>Marks a test that asserts hand-read values of a fixture file; <see cref="FixtureCoverageTests"/> checks every file has one.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class CoversFixtureAttribute(string fileName) : Attribute
{
    public string FileName { get; } = fileName;
}
