namespace InstaIntel.Storage.Migrations;

/// <summary>
/// <c>instagram_messages.metadata</c>: what kind of message a queued row is (a DM or a story reply, with its story
/// id) and, once sent, Instagram's thread and item ids. The seed's table has no column for either.
/// </summary>
public sealed class Migration0003MessageMetadata : IMigration
{
    public int Version => 3;
    public string Name => "message_metadata";

    public void Up(MigrationBuilder schema) =>
        schema.AddColumns("instagram_messages", t => t.Json("metadata"));
}
