using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Transport;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// The common life of the account's children: one phase at a time, run as an async workflow (built on Akka.Streams
/// graphs by the subclass) that never blocks the actor; a heartbeat to the entity while it runs; a kill switch
/// shared with the workflow's streams so a pause, a takeover or passivation stops it at once; and a report of how it
/// ended. A crash of the actor itself is the entity's to see (its supervisor reports it).
/// </summary>
public abstract class PhaseChild : ReceiveActor, IWithTimers
{
    private const string HeartbeatTimer = "heartbeat";
    private readonly TimeSpan _heartbeatInterval;
    private Guid? _runId;
    private SharedKillSwitch? _killSwitch;
    private CancellationTokenSource? _cancellation;
    private string? _abortReason;

    protected PhaseChild(TimeSpan heartbeatInterval)
    {
        _heartbeatInterval = heartbeatInterval;
        Receive<StartPhase>(Start);
        Receive<AbortPhase>(abort =>
        {
            if (abort.RunId == _runId) Abort(abort.Reason);
        });
        Receive<Beat>(_ =>
        {
            if (_runId is { } id) Context.Parent.Tell(new PhaseHeartbeat(id));
        });
        Receive<Finished>(OnFinished);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>
    /// The child's stream materializer, made when the first run asks for it: most accounts' children sit idle, and a
    /// materializer (its settings and supervisor actor) is the bulk of an idle child's cost. Read it on the actor's
    /// thread (before the workflow's first await).
    /// </summary>
    protected IMaterializer Materializer => _materializer ??= Context.Materializer();

    private IMaterializer? _materializer;

    /// <summary>Runs the phase; the stats say what it did. Streams it builds go through <paramref name="killSwitch"/>.</summary>
    protected abstract Task<ImmutableDictionary<string, int>> RunAsync(StartPhase start, SharedKillSwitch killSwitch, CancellationToken cancellationToken);

    private void Start(StartPhase start)
    {
        if (_runId is not null) Abort("superseded by a new run");
        _runId = start.RunId;
        _abortReason = null;
        _killSwitch = KillSwitches.Shared($"{Self.Path.Name}-{start.RunId:N}");
        _cancellation = new CancellationTokenSource();
        Timers.StartPeriodicTimer(HeartbeatTimer, Beat.Instance, _heartbeatInterval);
        var runId = start.RunId;
        Task<ImmutableDictionary<string, int>> run;
        try
        {
            run = RunAsync(start, _killSwitch, _cancellation.Token);
        }
        catch (Exception thrown)
        {
            // A workflow that throws before its first await is a failed run, not a crashed child.
            run = Task.FromException<ImmutableDictionary<string, int>>(thrown);
        }
        run.PipeTo(Self,
            success: stats => new Finished(runId, stats, null),
            failure: error => new Finished(runId, null, error));
    }

    private void Abort(string reason)
    {
        _abortReason = reason;
        _killSwitch?.Abort(new OperationCanceledException(reason));
        _cancellation?.Cancel();
    }

    private void OnFinished(Finished finished)
    {
        if (finished.RunId != _runId) return; // a superseded run ending late
        var parent = Context.Parent;
        if (_abortReason is { } reason)
            parent.Tell(new PhaseAborted(finished.RunId, reason));
        else if (finished.Error is null)
            parent.Tell(new PhaseSucceeded(finished.RunId, finished.Stats ?? ImmutableDictionary<string, int>.Empty));
        else
        {
            var error = Unwrap(finished.Error);
            Log.Warning("{0} run {1} failed: {2}: {3}", Self.Path.Name, finished.RunId, error.GetType().Name, error.Message);
            parent.Tell(new PhaseFailed(finished.RunId, error.GetType().Name, error.Message, IsAuthentication(error), error.StackTrace));
        }
        Timers.Cancel(HeartbeatTimer);
        _cancellation?.Dispose();
        _runId = null;
        _killSwitch = null;
        _cancellation = null;
    }

    protected override void PostStop()
    {
        // Passivation or a restart: whatever still runs stops with us.
        _killSwitch?.Abort(new OperationCanceledException("the account's child stopped"));
        _cancellation?.Cancel();
        base.PostStop();
    }

    /// <summary>Authentication failures pause the account rather than back it off.</summary>
    public static bool IsAuthentication(Exception error) =>
        error is AuthenticationRequiredException or ChallengeRequiredException or AccountLoggedOutException;

    private static Exception Unwrap(Exception error) => error switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => error,
    };

    private sealed record Beat
    {
        public static readonly Beat Instance = new();
    }

    private sealed record Finished(Guid RunId, ImmutableDictionary<string, int>? Stats, Exception? Error);
}
