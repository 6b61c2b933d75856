using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Insights;
using InstaIntel.Domain.Messaging;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Profiles;
using InstaIntel.Domain.Stories;

namespace InstaIntel.Storage.Mapping;

/// <summary>Which Domain type is stored in which seed table. Columns follow by convention (snake_case of the property).</summary>
public static class EntityTables
{
    public static IReadOnlyDictionary<Type, string> All { get; } = new Dictionary<Type, string>
    {
        // Core Instagram entities.
        [typeof(InstagramAccount)] = "instagram_accounts",
        [typeof(InstagramProfile)] = "instagram_profiles",
        [typeof(InstagramProfilePost)] = "instagram_profile_posts",
        [typeof(InstagramProfileEvent)] = "instagram_profile_events",
        [typeof(InstagramPost)] = "instagram_posts",
        [typeof(InstagramMessage)] = "instagram_messages",
        [typeof(InstagramProfilePostComment)] = "instagram_profile_post_comments",

        // AI runs, usage and providers.
        [typeof(AiAnalysis)] = "ai_analyses",
        [typeof(AiApiCall)] = "ai_api_calls",
        [typeof(AiProviderSetting)] = "ai_provider_settings",

        // Materialised insights.
        [typeof(InstagramProfileInsight)] = "instagram_profile_insights",
        [typeof(InstagramProfileMessageStrategy)] = "instagram_profile_message_strategies",
        [typeof(InstagramProfileSignalEvidence)] = "instagram_profile_signal_evidences",
        [typeof(InstagramPostInsight)] = "instagram_post_insights",
        [typeof(InstagramPostEntity)] = "instagram_post_entities",

        // Story intelligence.
        [typeof(InstagramStory)] = "instagram_stories",
        [typeof(InstagramStoryFace)] = "instagram_story_faces",
        [typeof(InstagramStoryPerson)] = "instagram_story_people",
        [typeof(InstagramPostFace)] = "instagram_post_faces",
        [typeof(InstagramProfileBehaviorProfile)] = "instagram_profile_behavior_profiles",

        // Operations.
        [typeof(BackgroundJobFailure)] = "background_job_failures",
        [typeof(AppIssue)] = "app_issues",
        [typeof(SyncRun)] = "sync_runs",
        [typeof(InstagramProfileActionLog)] = "instagram_profile_action_logs",
        [typeof(InstagramProfileHistoryChunk)] = "instagram_profile_history_chunks",

        // Other tables.
        [typeof(InstagramProfileTagging)] = "instagram_profile_taggings",
        [typeof(ProfileTag)] = "profile_tags",
        [typeof(InstagramProfileAnalysis)] = "instagram_profile_analyses",
        [typeof(Recipient)] = "recipients",
        [typeof(ConversationPeer)] = "conversation_peers",
        [typeof(ActiveStorageIngestion)] = "active_storage_ingestions",
        // Ours, not the seed's: the control API's keys.
        [typeof(Domain.Security.ApiKey)] = "api_keys",
    };
}
