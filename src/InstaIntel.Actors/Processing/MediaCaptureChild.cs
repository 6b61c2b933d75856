using System.Collections.Immutable;
using Akka.Streams;
using InstaIntel.Domain.Budget;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// The common part of the children that capture media (<c>story-ingestion</c>, <c>feed-engagement</c>): load the
/// account's work context, run the phase's paced requests into its writes (<see cref="MediaCaptureRun"/>), and tell
/// <c>media-analysis</c> how many new items wait for analysis.
/// </summary>
public abstract class MediaCaptureChild : PhaseChild
{
    private readonly MediaCaptureServices _services;
    private readonly RequestPacingSettings _pacing;
    private readonly RequestBudgetSettings _budget;

    protected MediaCaptureChild(MediaCaptureServices services, RequestPacingSettings pacing, RequestBudgetSettings budget, TimeSpan heartbeatInterval)
        : base(heartbeatInterval)
    {
        _services = services;
        _pacing = pacing;
        _budget = budget;
    }

    /// <summary>Makes the phase's requests and writes; returns how many new media items it stored.</summary>
    protected abstract Task<int> CaptureAsync(MediaCaptureRun run);

    protected sealed override async Task<ImmutableDictionary<string, int>> RunAsync(StartPhase start, SharedKillSwitch killSwitch, CancellationToken cancellationToken)
    {
        // Taken before the first await: after it, this code no longer runs on the actor's thread.
        var (entity, self) = (Context.Parent, Self);
        var materializer = Materializer;
        var work = await _services.Context.LoadAsync(start.Username, start.InstagramUserId, cancellationToken);
        var run = new MediaCaptureRun(start, work, _services, _pacing, _pacing.For(_budget), killSwitch, materializer, cancellationToken);
        var captured = await CaptureAsync(run);
        // Through the entity, which makes its media-analysis child if this account has not had one yet (so only when
        // there is something to analyse).
        if (captured > 0) entity.Tell(new MediaCaptured(start.RunId, captured), self);
        return run.Stats.ToImmutable();
    }
}
