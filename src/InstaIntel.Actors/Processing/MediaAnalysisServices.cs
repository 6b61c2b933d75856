using InstaIntel.Actors.Analysis;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.People;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Stories;

namespace InstaIntel.Actors.Processing;

/// <summary>What <c>media-analysis</c> works with: the media queues, the blob store, the AI runner and the people linker.</summary>
public sealed record MediaAnalysisServices(
    AccountRepository Accounts,
    StoryRepository Stories,
    ProfilePostRepository Posts,
    BlobStore Blobs,
    AiRunner Runner,
    FacePeopleLinker People)
{
    public static MediaAnalysisServices Create(InstaIntelDbFactory database, BlobStore blobs, AiRunner runner, Intelligence.People.PeopleClusteringOptions people) =>
        new(new AccountRepository(database), new StoryRepository(database), new ProfilePostRepository(database), blobs, runner,
            new FacePeopleLinker(new PeopleRepository(database), people));
}
