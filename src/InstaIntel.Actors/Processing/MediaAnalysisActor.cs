using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Processing.MediaAnalysis;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// <c>media-analysis</c>: the workspace-actions phase. Takes the account's pending stories, profile posts and feed posts whose media
/// is stored and runs them through an Akka.Streams graph: reads (blob + AI runner: the local analysers, or a cache hit)
/// with bounded parallelism, then writes one at a time (faces to people, OCR and video outputs, analysis state), all
/// behind the run's kill switch. A media that cannot be read is marked failed and reported to the entity
/// (<see cref="WorkItemFailed"/>: a failure record, while the run goes on); a full rate-limit window leaves it pending.
/// </summary>
public sealed class MediaAnalysisActor : PhaseChild
{
    private readonly MediaAnalysisServices _services;
    private readonly MediaAnalysisSettings _settings;
    private readonly RunSlots? _slots;
    private int _capturedSinceStart;

    public MediaAnalysisActor(MediaAnalysisServices services, MediaAnalysisSettings settings, TimeSpan heartbeatInterval, RunSlots? slots = null) : base(heartbeatInterval)
    {
        _services = services;
        _settings = settings;
        _slots = slots;
        Receive<MediaCaptured>(captured =>
        {
            _capturedSinceStart += captured.Count;
            // The coordinator schedules the workspace-actions phase only while media wait for it.
            if (captured.Count > 0) Context.Parent.Tell(new MediaAwaitingAnalysis(captured.Count));
        });
    }

    /// <param name="slots">the node's bound on workspace-actions runs at once, shared by all its accounts; none: unbounded.</param>
    public static Props Props(MediaAnalysisServices services, MediaAnalysisSettings settings, TimeSpan heartbeatInterval, RunSlots? slots = null)
    {
        settings.Validate();
        return Akka.Actor.Props.Create(() => new MediaAnalysisActor(services, settings, heartbeatInterval, slots));
    }

    protected override async Task<ImmutableDictionary<string, int>> RunAsync(StartPhase start, SharedKillSwitch killSwitch, CancellationToken cancellationToken)
    {
        // Captured before the first await, on the actor's thread: the stream's stages report from theirs.
        var (entity, self, materializer) = (Context.Parent, Self, Materializer);
        var stats = new Stats();
        stats.Add("captured_since_start", _capturedSinceStart);
        // Nothing is loaded before the slot is held: a run that waits holds no media. The wait is short and rare (the
        // entity only starts the phase while the node has room), and an abort cancels it.
        var slot = _slots is null ? null : await _slots.TakeAsync(cancellationToken);
        var reads = new ConcurrentQueue<Task<MediaRead>>();
        try
        {
            var account = await _services.Accounts.FindAsync(start.Username, cancellationToken)
                          ?? throw new InvalidOperationException($"account {start.Username} has no row yet");
            var stories = await _services.Stories.ListPendingAnalysisAsync(account.Id, _settings.BatchSize, cancellationToken);
            var posts = await _services.Posts.ListPendingAnalysisAsync(account.Id, _settings.BatchSize - stories.Count, cancellationToken);
            var feed = await _services.Feed.ListPendingAnalysisAsync(account.Id, _settings.BatchSize - stories.Count - posts.Count, cancellationToken);
            var items = stories.Select(MediaItem.Of).Concat(posts.Select(MediaItem.Of)).Concat(feed.Select(MediaItem.Of)).ToList();
            var work = new MediaAnalysisWork(_services, stats, (item, error) => entity.Tell(Failed(start, item, error), self));

            await Source.From(items)
                .Via(killSwitch.Flow<MediaItem>())
                .SelectAsync(_settings.Parallelism, item =>
                {
                    var read = work.ReadAsync(item, cancellationToken);
                    reads.Enqueue(read);
                    return read;
                })
                .Via(killSwitch.Flow<MediaRead>())
                .RunWith(Sink.ForEachAsync<MediaRead>(1, read => work.WriteAsync(read, cancellationToken)), materializer);

            // Then the profiles whose media changed: insights, demographics and behaviour profiles.
            if (_services.ProfileInsights is { } insights)
                await new ProfileInsightsWork(insights, stats, (id, error) => entity.Tell(Failed(start, id, error), self)).RunAsync(account.Id, cancellationToken);

            // Then the workspace queue: recent posts towards comment suggestions, analysed stories towards their comment.
            if (_services.Workspace is { } workspace)
                await new Workspace.WorkspaceWork(workspace, stats).RunAsync(account.Id, DateTime.UtcNow, cancellationToken);

            stats.Add("stories_pending_analysis", await _services.Stories.CountPendingAnalysisAsync(account.Id, cancellationToken));
            // A full batch may have left more media behind: the phase stays due.
            stats.Add("batch_full", items.Count >= _settings.BatchSize ? 1 : 0);
            return stats.ToImmutable();
        }
        finally
        {
            // An abort ends the stream at once, but an inference under way runs to its end (a model does not stop
            // halfway): the slot stays taken until the reads already started are done, or the node would run more
            // analyses at once than it has room for. The abort itself is reported without waiting for them.
            if (slot is not null)
            {
                var underWay = reads.Where(read => !read.IsCompleted).ToArray();
                if (underWay.Length == 0) slot.Dispose();
                else _ = Task.WhenAll(underWay).ContinueWith(ended => { _ = ended.Exception; slot.Dispose(); }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>The provider's own error when one provider was called (its class and HTTP status classify the failure).</summary>
    private static WorkItemFailed Failed(StartPhase start, MediaItem item, Exception error) => Failed(start, $"{item.AnalyzableType}:{item.Id}", error);

    private static WorkItemFailed Failed(StartPhase start, string workItem, Exception error)
    {
        var cause = error is AiProvidersFailedException providers ? providers.Cause : error;
        return new WorkItemFailed(start.RunId, start.Phase, workItem, cause.GetType().Name, cause.Message, cause.StackTrace,
            (cause as AiProviderException)?.HttpStatus);
    }
}
