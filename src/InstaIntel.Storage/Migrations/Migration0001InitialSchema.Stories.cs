namespace InstaIntel.Storage.Migrations;

// Seed: "Story Intelligence Tables".
public sealed partial class Migration0001InitialSchema
{
    private static void CreateStoryTables(MigrationBuilder schema)
    {
        schema.CreateTable("instagram_stories", t => t
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .References("instagram_profile_id", "instagram_profiles", notNull: true)
            .References("source_event_id", "instagram_profile_events")
            .String("story_id", notNull: true)
            .String("media_type")
            .Timestamp("taken_at")
            .Timestamp("expires_at")
            .String("image_url")
            .String("video_url")
            .String("media_url")
            .Float("duration_seconds")
            .String("media_blob_key")
            .String("media_content_type")
            .BigInt("media_byte_size")
            .String("processing_status", notNull: true, @default: "pending")
            .Timestamp("processed_at")
            .Json("metadata")
            .Unique("instagram_profile_id", "story_id")
            .Index("instagram_account_id", "processing_status"));

        schema.CreateTable("instagram_story_people", t => t
            .References("instagram_account_id", "instagram_accounts", notNull: true)
            .References("instagram_profile_id", "instagram_profiles", notNull: true)
            .String("label")
            .String("role", notNull: true, @default: "secondary_person")
            .Json("canonical_embedding")
            .Integer("appearance_count", notNull: true, @default: 0)
            .Timestamp("first_seen_at")
            .Timestamp("last_seen_at")
            .Json("metadata")
            .Index("instagram_profile_id", "last_seen_at"));

        schema.CreateTable("instagram_story_faces", t => t
            .References("instagram_story_id", "instagram_stories", notNull: true)
            .References("instagram_story_person_id", "instagram_story_people")
            .Json("bounding_box")
            .Float("detector_confidence")
            .Json("embedding")
            .String("embedding_version")
            .String("role", notNull: true, @default: "unknown")
            .Float("match_similarity")
            .Json("metadata"));

        schema.CreateTable("instagram_post_faces", t => t
            .References("instagram_profile_post_id", "instagram_profile_posts", notNull: true)
            .References("instagram_story_person_id", "instagram_story_people")
            .Json("bounding_box")
            .Float("detector_confidence")
            .Json("embedding")
            .String("embedding_version")
            .String("role", notNull: true, @default: "unknown")
            .Float("match_similarity")
            .Json("metadata"));

        schema.CreateTable("instagram_profile_behavior_profiles", t => t
            .References("instagram_profile_id", "instagram_profiles", notNull: true)
            .Json("behavioral_summary")
            .Float("activity_score")
            .Json("metadata")
            .Unique("instagram_profile_id"));
    }
}
