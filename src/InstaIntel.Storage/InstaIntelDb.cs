using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Insights;
using InstaIntel.Domain.Messaging;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Profiles;
using InstaIntel.Domain.Stories;
using LinqToDB;
using LinqToDB.Data;

namespace InstaIntel.Storage;

/// <summary>A linq2db connection to the application database. Short-lived: open one per unit of work.</summary>
public sealed class InstaIntelDb(DataOptions options, DatabaseEngine engine) : DataConnection(options)
{
    public DatabaseEngine Engine { get; } = engine;

    public ITable<InstagramAccount> InstagramAccounts => this.GetTable<InstagramAccount>();
    public ITable<InstagramProfile> InstagramProfiles => this.GetTable<InstagramProfile>();
    public ITable<InstagramProfilePost> InstagramProfilePosts => this.GetTable<InstagramProfilePost>();
    public ITable<InstagramProfileEvent> InstagramProfileEvents => this.GetTable<InstagramProfileEvent>();
    public ITable<InstagramPost> InstagramPosts => this.GetTable<InstagramPost>();
    public ITable<InstagramMessage> InstagramMessages => this.GetTable<InstagramMessage>();
    public ITable<InstagramProfilePostComment> InstagramProfilePostComments => this.GetTable<InstagramProfilePostComment>();

    public ITable<AiAnalysis> AiAnalyses => this.GetTable<AiAnalysis>();
    public ITable<AiApiCall> AiApiCalls => this.GetTable<AiApiCall>();
    public ITable<AiProviderSetting> AiProviderSettings => this.GetTable<AiProviderSetting>();

    public ITable<InstagramProfileInsight> InstagramProfileInsights => this.GetTable<InstagramProfileInsight>();
    public ITable<InstagramProfileMessageStrategy> InstagramProfileMessageStrategies => this.GetTable<InstagramProfileMessageStrategy>();
    public ITable<InstagramProfileSignalEvidence> InstagramProfileSignalEvidences => this.GetTable<InstagramProfileSignalEvidence>();
    public ITable<InstagramPostInsight> InstagramPostInsights => this.GetTable<InstagramPostInsight>();
    public ITable<InstagramPostEntity> InstagramPostEntities => this.GetTable<InstagramPostEntity>();

    public ITable<InstagramStory> InstagramStories => this.GetTable<InstagramStory>();
    public ITable<InstagramStoryFace> InstagramStoryFaces => this.GetTable<InstagramStoryFace>();
    public ITable<InstagramStoryPerson> InstagramStoryPeople => this.GetTable<InstagramStoryPerson>();
    public ITable<InstagramPostFace> InstagramPostFaces => this.GetTable<InstagramPostFace>();
    public ITable<InstagramProfileBehaviorProfile> InstagramProfileBehaviorProfiles => this.GetTable<InstagramProfileBehaviorProfile>();

    public ITable<BackgroundJobFailure> BackgroundJobFailures => this.GetTable<BackgroundJobFailure>();
    public ITable<AppIssue> AppIssues => this.GetTable<AppIssue>();
    public ITable<SyncRun> SyncRuns => this.GetTable<SyncRun>();
    public ITable<InstagramProfileActionLog> InstagramProfileActionLogs => this.GetTable<InstagramProfileActionLog>();
    public ITable<InstagramProfileHistoryChunk> InstagramProfileHistoryChunks => this.GetTable<InstagramProfileHistoryChunk>();

    public ITable<InstagramProfileTagging> InstagramProfileTaggings => this.GetTable<InstagramProfileTagging>();
    public ITable<ProfileTag> ProfileTags => this.GetTable<ProfileTag>();
    public ITable<InstagramProfileAnalysis> InstagramProfileAnalyses => this.GetTable<InstagramProfileAnalysis>();
    public ITable<Recipient> Recipients => this.GetTable<Recipient>();
    public ITable<ConversationPeer> ConversationPeers => this.GetTable<ConversationPeer>();
    public ITable<ActiveStorageIngestion> ActiveStorageIngestions => this.GetTable<ActiveStorageIngestion>();
}
