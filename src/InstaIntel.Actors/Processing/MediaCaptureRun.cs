using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Akka.Streams;
using Akka.Streams.Dsl;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Profiles;

namespace InstaIntel.Actors.Processing;

/// <summary>What the media-capturing children share; one instance per node.</summary>
public sealed record MediaCaptureServices(AccountWorkContextLoader Context, IInstagramClient Instagram, ProfileRepository Profiles, BlobStore Blobs);

/// <summary>Where stored media bytes are: the blob store's key, their type and size.</summary>
public sealed record StoredMedia(string BlobKey, string? ContentType, long ByteSize);

/// <summary>
/// One run of a media-capturing phase: the account's context, the run's counters, its paced requests
/// (<see cref="PacedRequests.Requests{T}"/>) feeding its writes in order, the authors it upserted, and the blob store.
/// </summary>
public sealed class MediaCaptureRun(
    StartPhase start,
    AccountWorkContext work,
    MediaCaptureServices services,
    RequestPacingSettings settings,
    RequestPacing pacing,
    SharedKillSwitch killSwitch,
    IMaterializer materializer,
    CancellationToken cancellation)
{
    private readonly ConcurrentDictionary<string, long> _authors = new(StringComparer.Ordinal);

    public StartPhase Start { get; } = start;
    public AccountWorkContext Work { get; } = work;
    public long AccountId => Work.AccountId;
    public IInstagramClient Instagram => services.Instagram;
    public Stats Stats { get; } = new();
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>
    /// Runs <paramref name="requests"/> under the account's budget and writes each finding with <paramref name="write"/>,
    /// one at a time, in order; the requests run ahead of the writes as far as the buffer allows.
    /// </summary>
    /// <exception cref="Exception">what failed the stream: a request's error, a write's, or the kill switch's reason.</exception>
    public async Task RunAsync<T>(PacedWork<T> requests, Func<T, Task> write)
    {
        try
        {
            await PacedRequests.Requests(requests, pacing, settings.RequestsInFlight, settings.BufferSize, killSwitch, Cancellation)
                .RunWith(Sink.ForEachAsync(1, write), materializer);
        }
        catch (AggregateException wrapped) when (wrapped.Flatten().InnerExceptions.Count == 1)
        {
            // The stream hands on a failed stage's error wrapped: the child decides on the error itself (an abort, an authentication failure).
            ExceptionDispatchInfo.Throw(wrapped.Flatten().InnerExceptions[0]);
        }
    }

    /// <summary>Downloads media as the account (one request; call it from a paced request).</summary>
    public Task<MediaDownload> DownloadAsync(string url, CancellationToken cancellationToken) =>
        services.Instagram.DownloadMediaAsync(Work.Session, new Uri(url), cancellationToken);

    /// <summary>The author's profile row, upserted once per run (the first sighting's details stand).</summary>
    public async Task<long> AuthorAsync(ProfileSnapshot author)
    {
        if (_authors.TryGetValue(author.Username, out var known)) return known;
        var id = await services.Profiles.UpsertAsync(author, Cancellation);
        _authors[author.Username] = id;
        return id;
    }

    /// <summary>Puts downloaded bytes into the blob store (content-addressed) and lets <paramref name="attach"/> record where they are.</summary>
    public async Task<StoredMedia> StoreAsync(MediaDownload media, Func<StoredMedia, Task> attach)
    {
        var stored = await PutAsync(media);
        await attach(stored);
        MediaStored();
        return stored;
    }

    /// <summary>Puts downloaded bytes into the blob store (content-addressed); the caller records where they are and
    /// counts them with <see cref="MediaStored"/> once that record is written.</summary>
    public async Task<StoredMedia> PutAsync(MediaDownload media)
    {
        var (key, _) = await services.Blobs.PutAsync(media.Bytes, Cancellation);
        return new StoredMedia(key, media.ContentType, media.Bytes.Length);
    }

    /// <summary>Counts a media item whose blob key is recorded.</summary>
    public void MediaStored() => Stats.Add("media_downloaded", 1);
}
