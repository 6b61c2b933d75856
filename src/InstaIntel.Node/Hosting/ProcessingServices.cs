using InstaIntel.Actors.Accounts;
using InstaIntel.Domain.Comments;
using InstaIntel.Domain.History;
using InstaIntel.Domain.Workspace;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Actors.Messaging;
using InstaIntel.Actors.Analysis;
using InstaIntel.Intelligence.People;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Processing.MediaAnalysis;
using InstaIntel.Actors.Processing.ProfileSync;
using InstaIntel.Instagram.Client;
using InstaIntel.Storage;
using InstaIntel.Storage.Blobs;
using InstaIntel.Domain.Messaging;
using InstaIntel.Storage.Events;
using InstaIntel.Storage.Messaging;
using InstaIntel.Storage.Feed;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using InstaIntel.Storage.Posts;

namespace InstaIntel.Node.Hosting;

/// <summary>The account's children and what they work with: the node runs continuous processing with these.</summary>
public static class ProcessingServices
{
    public static IServiceCollection AddAccountWorkers(this IServiceCollection services, IConfiguration configuration, AccountEntitySettings accounts)
    {
        var workers = configuration.GetSection(AccountWorkerSettings.Section).Get<AccountWorkerSettings>() ?? new AccountWorkerSettings();
        workers.Budget = accounts.Budget;
        var profileSync = configuration.GetSection(ProfileSyncSettings.Section).Get<ProfileSyncSettings>() ?? new ProfileSyncSettings();
        // Checked at start: an entity makes its children (and their props check these) only when it first needs them.
        workers.Stories.Validate();
        workers.Feed.Validate();
        workers.Media.Validate();
        profileSync.Validate();
        var blobs = configuration.GetSection(BlobOptions.Section).Get<BlobOptions>() ?? new BlobOptions();

        services.AddSingleton(new BlobStore(blobs));
        services.AddSingleton<ProfileRepository>();
        services.AddSingleton<ProfileEventRepository>();
        services.AddSingleton<StoryRepository>();
        services.AddSingleton<FeedPostRepository>();
        services.AddSingleton<ProfilePostRepository>();
        services.AddSingleton<SyncRunRepository>();
        services.AddSingleton<ISyncRunRecorder, SyncRunRecorder>();
        services.AddSingleton<AccountWorkContextLoader>();
        services.AddSingleton<StoryIngestionServices>();
        services.AddSingleton<FeedEngagementServices>();
        var windows = configuration.GetSection(InteractionWindows.Section).Get<InteractionWindows>() ?? new InteractionWindows();
        services.AddSingleton(sp => MessagingServices.From(sp.GetRequiredService<AccountWorkContextLoader>(), sp.GetRequiredService<IInstagramClient>(),
            sp.GetRequiredService<InstaIntelDbFactory>(), windows));
        services.AddSingleton<InstagramMessageRepository>();
        services.AddSingleton<ProfileActionLogRepository>();
        var workspace = configuration.GetSection(WorkspaceSettings.Section).Get<WorkspaceSettings>() ?? new WorkspaceSettings();
        workspace.Validate();
        var comments = configuration.GetSection(CommentGenerationOptions.Section).Get<CommentGenerationOptions>() ?? new CommentGenerationOptions();
        comments.Validate();
        var wordsPerChunk = configuration.GetValue("InstaIntel:History:WordsPerChunk", ProfileHistoryBuilder.DefaultWordsPerChunk);
        // Checked at start, not at the first build deep inside a phase run.
        if (wordsPerChunk < ProfileHistoryBuilder.MinWordsPerChunk)
            throw new ArgumentException($"InstaIntel:History:WordsPerChunk must be at least {ProfileHistoryBuilder.MinWordsPerChunk}");
        services.AddSingleton(workspace);
        var profileInsights = configuration.GetSection(ProfileInsightsSettings.Section).Get<ProfileInsightsSettings>()
                              ?? new ProfileInsightsSettings();
        profileInsights.Validate();
        services.AddSingleton(sp => MediaAnalysisServices.Create(sp.GetRequiredService<InstaIntelDbFactory>(), sp.GetRequiredService<BlobStore>(),
            sp.GetRequiredService<AiRunner>(), sp.GetRequiredService<PeopleClusteringOptions>(),
            MediaAnalysisServices.CreateWorkspace(sp.GetRequiredService<InstaIntelDbFactory>(), sp.GetRequiredService<AiRunner>(),
                sp.GetRequiredService<TextEmbedder>(), comments, workspace, wordsPerChunk),
            ProfileInsightsServices.Create(sp.GetRequiredService<InstaIntelDbFactory>(), sp.GetRequiredService<AiRunner>(), profileInsights)));
        services.AddSingleton<IAccountWorkers>(sp =>
        {
            var contexts = sp.GetRequiredService<AccountWorkContextLoader>();
            var instagram = sp.GetRequiredService<IInstagramClient>();
            var stores = ProfileSyncStores.From(sp.GetRequiredService<InstaIntelDbFactory>(), sp.GetRequiredService<BlobStore>());
            return new AccountWorkers(workers, sp.GetRequiredService<StoryIngestionServices>(), sp.GetRequiredService<FeedEngagementServices>(),
                sp.GetRequiredService<MediaAnalysisServices>(), _ => ProfileSyncActor.Props(contexts, instagram, stores, accounts, profileSync),
                username => MessagingActor.Props(username, sp.GetRequiredService<MessagingServices>()));
        });
        return services;
    }
}
