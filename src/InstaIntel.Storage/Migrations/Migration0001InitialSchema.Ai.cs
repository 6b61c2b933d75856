namespace InstaIntel.Storage.Migrations;

// Seed: "AI and Insight Tables" (raw runs, usage, providers) and the five materialised insight tables.
public sealed partial class Migration0001InitialSchema
{
    private static void CreateAiTables(MigrationBuilder schema)
    {
        schema.CreateTable("ai_analyses", t => t
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .String("analyzable_type", notNull: true)
            .BigInt("analyzable_id", notNull: true)
            .String("purpose", notNull: true)
            .String("provider", notNull: true)
            .String("model")
            .Text("prompt")
            .Text("response_text")
            .Json("analysis")
            .Json("metadata")
            .String("status", notNull: true, @default: "queued")
            .Text("error_message")
            .Timestamp("started_at")
            .Timestamp("finished_at")
            .String("media_fingerprint")
            .Boolean("cache_hit", notNull: true, @default: false)
            .References("cached_from_ai_analysis_id", "ai_analyses")
            .Float("confidence_score")
            .Integer("evidence_count")
            .Integer("signals_detected_count")
            .Float("input_completeness_score")
            .String("prompt_version")
            .String("schema_version")
            .Index("analyzable_type", "analyzable_id", "created_at")
            .Index("purpose", "media_fingerprint", "status")
            .Index("provider", "purpose", "status"));

        schema.CreateTable("ai_api_calls", t => t
            .References("instagram_account_id", "instagram_accounts")
            .String("provider", notNull: true)
            .String("operation", notNull: true)
            .String("category", notNull: true)
            .Integer("input_tokens")
            .Integer("output_tokens")
            .Integer("total_tokens")
            .Integer("request_units")
            .Integer("latency_ms")
            .Integer("http_status")
            .String("status", notNull: true)
            .Text("error_message")
            .Json("metadata")
            .Timestamp("occurred_at", notNull: true)
            .Index("occurred_at")
            .Index("provider", "occurred_at")
            .Index("instagram_account_id", "occurred_at"));

        schema.CreateTable("ai_provider_settings", t => t
            .String("provider", notNull: true)
            .Boolean("enabled", notNull: true, @default: false)
            .Integer("priority", notNull: true, @default: 100)
            .Json("config")
            .Text("api_key")
            .Unique("provider")
            .Index("enabled", "priority"));
    }

    private static void CreateInsightTables(MigrationBuilder schema)
    {
        schema.CreateTable("instagram_profile_insights", t => t
            .References("ai_analysis_id", "ai_analyses", notNull: true)
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .References("instagram_profile_id", "instagram_profiles", notNull: true)
            .Text("summary")
            .String("profile_type")
            .String("tone")
            .String("formality")
            .String("emoji_usage")
            .String("slang_level")
            .String("engagement_style")
            .Float("messageability_score")
            .String("primary_language")
            .Json("secondary_languages")
            .Json("raw_analysis")
            .Timestamp("last_refreshed_at", notNull: true)
            .Index("instagram_profile_id", "created_at"));

        schema.CreateTable("instagram_profile_message_strategies", t => t
            .References("ai_analysis_id", "ai_analyses", notNull: true)
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .References("instagram_profile_id", "instagram_profiles", notNull: true)
            .References("instagram_profile_insight_id", "instagram_profile_insights", notNull: true)
            .Json("best_topics")
            .Json("avoid_topics")
            .Json("dos")
            .Json("donts")
            .Json("opener_templates")
            .Json("comment_templates")
            .String("cta_style")
            .Index("instagram_profile_id", "created_at"));

        schema.CreateTable("instagram_profile_signal_evidences", t => t
            .References("ai_analysis_id", "ai_analyses", notNull: true)
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .References("instagram_profile_id", "instagram_profiles", notNull: true)
            .References("instagram_profile_insight_id", "instagram_profile_insights", notNull: true)
            .String("signal_type", notNull: true)
            .String("value")
            .Float("confidence")
            .Text("evidence_text")
            .String("source_type")
            .String("source_ref")
            .Timestamp("occurred_at")
            .Index("instagram_profile_id", "signal_type"));

        schema.CreateTable("instagram_post_insights", t => t
            .References("ai_analysis_id", "ai_analyses", notNull: true)
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .References("instagram_post_id", "instagram_posts", notNull: true)
            .Text("image_description")
            .Json("comment_suggestions")
            .String("sentiment")
            .Json("topics")
            .Float("engagement_score")
            .Boolean("relevant")
            .String("author_type")
            .Json("suggested_actions")
            .String("recommended_next_action")
            .Float("confidence")
            .Text("evidence")
            .Json("raw_analysis")
            .Index("instagram_post_id", "created_at"));

        schema.CreateTable("instagram_post_entities", t => t
            .References("ai_analysis_id", "ai_analyses", notNull: true)
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .References("instagram_post_id", "instagram_posts", notNull: true)
            .References("instagram_post_insight_id", "instagram_post_insights", notNull: true)
            .String("entity_type", notNull: true)
            .String("value", notNull: true)
            .Float("confidence")
            .Text("evidence_text")
            .String("source_type")
            .String("source_ref")
            .Index("instagram_post_id", "entity_type"));
    }
}
