namespace InstaIntel.Storage.Migrations;

/// <summary>The control API's keys (hashed). Not a seed table: it belongs to the service, not the data model.</summary>
public sealed class Migration0002ApiKeys : IMigration
{
    public int Version => 2;
    public string Name => "api_keys";

    public void Up(MigrationBuilder schema)
    {
        schema.CreateTable("api_keys", t => t
            .String("name", notNull: true)
            .String("key_hash", notNull: true)
            .Timestamp("revoked_at")
            .Unique("name")
            .Unique("key_hash"));
    }
}
