using System.Runtime.ExceptionServices;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using InstaIntel.Instagram.Client;
using InstaIntel.Storage;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Messaging;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Profiles;

namespace InstaIntel.Actors.Processing.ProfileSync;

/// <summary>
/// What profile-sync writes: profiles (and their tags), captured posts and comments, action logs, inbox partners, and the
/// downloaded media of recent posts in the blob store.
/// </summary>
public sealed record ProfileSyncStores(
    ProfileRepository Profiles, ProfilePostRepository Posts, ProfileActionLogRepository ActionLogs, ConversationPeerRepository Peers, BlobStore Blobs)
{
    public static ProfileSyncStores From(InstaIntelDbFactory factory, BlobStore blobs) => new(new(factory), new(factory), new(factory), new(factory), blobs);
}

/// <summary>Everything one run of a profile-sync phase works with; built when the run starts, dropped when it ends.</summary>
internal sealed record ProfileSyncRun(
    StartPhase Start,
    AccountWorkContext Account,
    IInstagramClient Instagram,
    ProfileSyncStores Stores,
    ProfileSyncSettings Settings,
    RequestPacing Pacing,
    SharedKillSwitch KillSwitch,
    IMaterializer Materializer,
    CancellationToken Cancellation)
{
    public long AccountId => Account.AccountId;

    /// <summary>The run's crawl as a paced stream (<see cref="PacedRequests"/>).</summary>
    public Source<T, NotUsed> Crawl<T>(Func<CancellationToken, Task<CrawlStep<T>>> next) =>
        PacedRequests.Crawl(next, Pacing, Settings.BufferSize, KillSwitch, Cancellation);

    /// <summary>Runs the crawl into <paramref name="write"/>, one finding at a time, in order.</summary>
    /// <exception cref="Exception">what failed the stream: a request's error, a write's, or the kill switch's reason.</exception>
    public async Task RunAsync<T>(Func<CancellationToken, Task<CrawlStep<T>>> next, Func<T, Task> write)
    {
        try
        {
            await Crawl(next).RunWith(Sink.ForEachAsync(1, write), Materializer);
        }
        catch (AggregateException wrapped) when (wrapped.Flatten().InnerExceptions.Count == 1)
        {
            // The stream hands on a failed stage's task error wrapped: callers decide on the error itself
            // (an abort, an authentication failure).
            ExceptionDispatchInfo.Throw(wrapped.Flatten().InnerExceptions[0]);
        }
    }

    /// <summary>Is <paramref name="username"/> (or <paramref name="userId"/>) the account itself?</summary>
    public bool IsSelf(string username, string? userId) =>
        string.Equals(username, Account.Username, StringComparison.OrdinalIgnoreCase) || (userId is not null && userId == Account.InstagramUserId);
}
