namespace InstaIntel.Storage.Migrations;

/// <summary>Every migration in version order. A new migration is appended here and never edited after release.</summary>
public static class MigrationCatalog
{
    public static IReadOnlyList<IMigration> All { get; } =
    [
        new Migration0001InitialSchema(),
        new Migration0002ApiKeys(),
        new Migration0003MessageMetadata(),
    ];
}
