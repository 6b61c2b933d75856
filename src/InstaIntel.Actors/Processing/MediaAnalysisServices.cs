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
    FacePeopleLinker People)
{
    public static MediaAnalysisServices Create(InstaIntelDbFactory database, BlobStore blobs, AiRunner runner, Intelligence.People.PeopleClusteringOptions people) =>
        new(new AccountRepository(database), new StoryRepository(database), new ProfilePostRepository(database), new FeedPostRepository(database),
            new PostInsightRepository(database), blobs, runner,
            new FacePeopleLinker(new PeopleRepository(database), people));
}
