using System.Collections.Immutable;
using Akka.Actor;
using Akka.Streams;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// <c>media-analysis</c>: receives word of newly stored stories and posts and runs the workspace-actions phase.
/// Until the media-intelligence pipeline is plugged in, captured media stays <c>pending</c> in its table (that is
/// the queue the pipeline will drain) and the phase reports what is waiting.
/// </summary>
public sealed class MediaAnalysisActor : PhaseChild
{
    private readonly InstaIntelDbFactory _database;
    private int _capturedSinceStart;

    public MediaAnalysisActor(InstaIntelDbFactory database, TimeSpan heartbeatInterval) : base(heartbeatInterval)
    {
        _database = database;
        Receive<MediaCaptured>(captured => _capturedSinceStart += captured.Count);
    }

    public static Props Props(InstaIntelDbFactory database, TimeSpan heartbeatInterval) =>
        Akka.Actor.Props.Create(() => new MediaAnalysisActor(database, heartbeatInterval));

    protected override async Task<ImmutableDictionary<string, int>> RunAsync(StartPhase start, SharedKillSwitch killSwitch, CancellationToken cancellationToken)
    {
        var captured = _capturedSinceStart;
        await using var db = _database.Open();
        var pending = await (from s in db.InstagramStories
                             join a in db.InstagramAccounts on s.InstagramAccountId equals a.Id
                             where a.Username == start.Username && s.ProcessingStatus == StoryProcessingStatus.Pending
                             select s.Id).CountAsync(cancellationToken);
        return ImmutableDictionary<string, int>.Empty.Add("stories_pending_analysis", pending).Add("captured_since_start", captured);
    }
}
