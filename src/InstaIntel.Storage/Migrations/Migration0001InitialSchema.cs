namespace InstaIntel.Storage.Migrations;

/// <summary>
/// Every table of the seed's data model (see docs/data-model.md for the column choices). Nothing has shipped,
/// so the whole model is one initial schema, written in one file per area of the seed; tables come in an
/// order in which every foreign key names a table that already exists.
/// </summary>
public sealed partial class Migration0001InitialSchema : IMigration
{
    public int Version => 1;
    public string Name => "initial_schema";

    public void Up(MigrationBuilder schema)
    {
        CreateAccounts(schema);
        CreateCoreInstagramTables(schema);
        CreateAiTables(schema);
        CreateInsightTables(schema);
        CreateStoryTables(schema);
        CreateOperationalTables(schema);
        CreateOtherTables(schema);
    }

    private static void CreateAccounts(MigrationBuilder schema)
    {
        schema.CreateTable("instagram_accounts", t => t
            .String("username", notNull: true)
            .Text("cookies_json")
            .Text("local_storage_json")
            .Text("session_storage_json")
            .Text("auth_snapshot_json")
            .String("login_state", notNull: true, @default: "not_authenticated")
            .String("user_agent")
            .Timestamp("last_synced_at")
            .String("continuous_processing_state", notNull: true, @default: "idle")
            .Boolean("continuous_processing_enabled", notNull: true, @default: true)
            .Timestamp("continuous_processing_next_story_sync_at")
            .Timestamp("continuous_processing_next_feed_sync_at")
            .Timestamp("continuous_processing_next_profile_scan_at")
            .Timestamp("continuous_processing_next_follow_graph_sync_at")
            .Timestamp("continuous_processing_next_profile_refresh_at")
            .Timestamp("continuous_processing_last_story_sync_enqueued_at")
            .Timestamp("continuous_processing_last_feed_sync_enqueued_at")
            .Timestamp("continuous_processing_last_profile_scan_enqueued_at")
            .Timestamp("continuous_processing_last_profile_refresh_enqueued_at")
            .BigInt("continuous_processing_profile_scan_cursor_id")
            .BigInt("continuous_processing_profile_refresh_cursor_id")
            .Timestamp("continuous_processing_last_started_at")
            .Timestamp("continuous_processing_last_finished_at")
            .Timestamp("continuous_processing_last_heartbeat_at")
            .Integer("continuous_processing_failure_count", notNull: true, @default: 0)
            .Timestamp("continuous_processing_retry_after_at")
            .Text("continuous_processing_last_error")
            .BigInt("projected_sequence_nr", notNull: true, @default: 0)
            .Unique("username")
            .Index("continuous_processing_enabled", "continuous_processing_retry_after_at")
            .Index("continuous_processing_state", "continuous_processing_last_heartbeat_at"));
    }
}
