namespace InstaIntel.Storage.Migrations;

// Seed: "Operational Tables" and "Other Tables".
public sealed partial class Migration0001InitialSchema
{
    private static void CreateOperationalTables(MigrationBuilder schema)
    {
        schema.CreateTable("background_job_failures", t => t
            .String("job_class", notNull: true)
            .String("queue_name")
            .String("active_job_id", notNull: true)
            .String("provider_job_id")
            .Text("arguments_json")
            .String("error_class", notNull: true)
            .Text("error_message", notNull: true)
            .Text("backtrace")
            .String("failure_kind", notNull: true, @default: "runtime")
            .Boolean("retryable", notNull: true, @default: true)
            // Plain ids, no foreign keys: a failure record outlives the account or profile it names.
            .BigInt("instagram_account_id")
            .BigInt("instagram_profile_id")
            .Json("metadata")
            .Timestamp("occurred_at", notNull: true)
            .Index("occurred_at")
            .Index("retryable", "occurred_at")
            .Index("instagram_account_id", "occurred_at")
            .Index("active_job_id"));

        schema.CreateTable("app_issues", t => t
            .String("fingerprint", notNull: true)
            .String("issue_type", notNull: true)
            .String("source", notNull: true)
            .String("severity", notNull: true, @default: "error")
            .String("status", notNull: true, @default: "open")
            .Integer("occurrences", notNull: true, @default: 1)
            .Timestamp("first_seen_at", notNull: true)
            .Timestamp("last_seen_at", notNull: true)
            .Timestamp("resolved_at")
            .String("title", notNull: true)
            .Text("details")
            .Text("resolution_notes")
            .References("background_job_failure_id", "background_job_failures")
            .References("instagram_account_id", "instagram_accounts")
            .References("instagram_profile_id", "instagram_profiles")
            .Json("metadata", notNull: true, @default: "{}")
            .Unique("fingerprint")
            .Index("status", "last_seen_at")
            .Index("severity", "last_seen_at"));

        schema.CreateTable("sync_runs", t => t
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .String("kind", notNull: true, @default: "follow_graph")
            .String("status", notNull: true, @default: "queued")
            .Timestamp("started_at")
            .Timestamp("finished_at")
            .Text("error_message")
            .Json("stats_json")
            .Index("instagram_account_id", "kind", "status")
            .Index("instagram_account_id", "created_at"));

        schema.CreateTable("instagram_profile_action_logs", t => t
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .References("instagram_profile_id", "instagram_profiles", notNull: true)
            .String("action", notNull: true)
            .String("status", notNull: true, @default: "queued")
            .String("trigger_source")
            .String("active_job_id")
            .String("queue_name")
            .Json("metadata")
            .Text("log_text")
            .Text("error_message")
            .Timestamp("occurred_at", notNull: true)
            .Timestamp("started_at")
            .Timestamp("finished_at")
            .Index("instagram_profile_id", "created_at")
            .Index("action", "status"));

        schema.CreateTable("instagram_profile_history_chunks", t => t
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .References("instagram_profile_id", "instagram_profiles", notNull: true)
            .Integer("sequence", notNull: true)
            .Text("content", notNull: true)
            .Integer("word_count", notNull: true, @default: 0)
            .Integer("entry_count", notNull: true, @default: 0)
            .Timestamp("starts_at")
            .Timestamp("ends_at")
            .Json("metadata")
            .Unique("instagram_profile_id", "sequence"));
    }

    private static void CreateOtherTables(MigrationBuilder schema)
    {
        schema.CreateTable("profile_tags", t => t
            .String("name", notNull: true)
            .Unique("name"));

        schema.CreateTable("instagram_profile_taggings", t => t
            .References("instagram_profile_id", "instagram_profiles", notNull: true)
            .References("profile_tag_id", "profile_tags", notNull: true)
            .Unique("instagram_profile_id", "profile_tag_id"));

        schema.CreateTable("instagram_profile_analyses", t => t
            .References("instagram_profile_id", "instagram_profiles", notNull: true)
            .String("provider", notNull: true, @default: "xai")
            .String("model")
            .Text("prompt")
            .Text("response_text")
            .Json("analysis")
            .Json("metadata")
            .String("status", notNull: true, @default: "queued")
            .Text("error_message")
            .Timestamp("started_at")
            .Timestamp("finished_at")
            .Index("instagram_profile_id", "created_at"));

        schema.CreateTable("recipients", t => t
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .String("username", notNull: true)
            .String("display_name")
            .Boolean("can_message", notNull: true, @default: false)
            .String("restriction_reason")
            .String("source", notNull: true, @default: "conversation")
            .Boolean("selected", notNull: true, @default: false)
            .Boolean("story_visible", notNull: true, @default: false)
            .Unique("instagram_account_id", "username"));

        schema.CreateTable("conversation_peers", t => t
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .String("username", notNull: true)
            .String("display_name")
            .Timestamp("last_message_at")
            .Unique("instagram_account_id", "username"));

        schema.CreateTable("active_storage_ingestions", t => t
            .String("record_type", notNull: true)
            .BigInt("record_id", notNull: true)
            .String("attachment_name", notNull: true)
            .String("blob_key", notNull: true)
            .String("blob_filename")
            .String("blob_content_type")
            .BigInt("blob_byte_size", notNull: true)
            .String("created_by_job_class")
            .String("created_by_active_job_id")
            .String("created_by_provider_job_id")
            .String("queue_name")
            .References("instagram_account_id", "instagram_accounts")
            .References("instagram_profile_id", "instagram_profiles")
            .Json("metadata", notNull: true, @default: "{}")
            .Index("record_type", "record_id")
            .Index("blob_key")
            .Index("created_at"));
    }
}
