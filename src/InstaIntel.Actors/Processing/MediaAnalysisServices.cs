using InstaIntel.Actors.Analysis;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Feed;
using InstaIntel.Storage.Insights;
using InstaIntel.Storage.People;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Stories;

namespace InstaIntel.Actors.Processing;

/// <summary>What <c>media-analysis</c> works with: the media queues, the insight tables, the blob store, the AI runner and the people linker.</summary>
public sealed record MediaAnalysisServices(
    AccountRepository Accounts,
    StoryRepository Stories,
    ProfilePostRepository Posts,
    FeedPostRepository Feed,
    PostInsightRepository Insights,
    BlobStore Blobs,
    AiRunner Runner,
    FacePeopleLinker People,
    Workspace.WorkspaceServices? Workspace = null,
    MediaAnalysis.ProfileInsightsServices? ProfileInsights = null)
{
    /// <param name="workspace">the workspace queue run after the analyses; without it the phase only analyses media.</param>
    /// <param name="profileInsights">the profile insights step run after the analyses; without it no profile is read.</param>
    public static MediaAnalysisServices Create(InstaIntelDbFactory database, BlobStore blobs, AiRunner runner, Intelligence.People.PeopleClusteringOptions people,
        Workspace.WorkspaceServices? workspace = null, MediaAnalysis.ProfileInsightsServices? profileInsights = null) =>
        new(new AccountRepository(database), new StoryRepository(database), new ProfilePostRepository(database), new FeedPostRepository(database),
            new PostInsightRepository(database), blobs, runner,
            new FacePeopleLinker(new PeopleRepository(database), people), workspace, profileInsights);

    /// <summary>The workspace queue's services over <paramref name="database"/>: history, comment generation and scoring.</summary>
    public static Workspace.WorkspaceServices CreateWorkspace(InstaIntelDbFactory database, AiRunner runner, Intelligence.Embeddings.TextEmbedder texts,
        Domain.Comments.CommentGenerationOptions comments, Domain.Workspace.WorkspaceSettings settings, int wordsPerChunk = Domain.History.ProfileHistoryBuilder.DefaultWordsPerChunk) =>
        new(new ProfilePostRepository(database), new Storage.Events.ProfileEventRepository(database), new Storage.History.ProfileHistoryRepository(database),
            new Analysis.Comments.CommentGenerator(runner, new Intelligence.Comments.CommentRelevanceScorer(texts, comments), comments), settings, wordsPerChunk,
            new Storage.Profiles.ProfileRepository(database));
}
