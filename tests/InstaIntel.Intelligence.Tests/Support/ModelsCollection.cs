namespace InstaIntel.Intelligence.Tests.Support;

/// <summary>Every test class that runs models shares one registry and runs one after the other (two cores).</summary>
[CollectionDefinition(Name)]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>
{
    public const string Name = "models";
}
