using Akka.Actor;

namespace InstaIntel.Actors.Operations;

/// <summary>
/// Answers "is the journal writable?" for <c>/readyz</c>. One probe at a time: each <see cref="ProbeJournal"/> that
/// arrives while a probe runs waits for that probe's answer, and a new probe starts only after the previous one has
/// stopped, because every probe uses the same persistence id and two writers of one id would collide.
/// </summary>
public sealed class ReadinessProbe : ReceiveActor, IWithTimers
{
    private const string TimeoutTimer = "probe-timeout";

    private readonly string _persistenceId;
    private readonly TimeSpan _timeout;
    private readonly List<IActorRef> _waiting = [];
    private IActorRef? _probe;
    private DateTime _startedAt;
    private int _generation;
    private bool _answered;

    public ReadinessProbe(string persistenceId, TimeSpan timeout)
    {
        _persistenceId = persistenceId;
        _timeout = timeout;

        Receive<ProbeJournal>(_ =>
        {
            _waiting.Add(Sender);
            if (_probe is null) StartProbe();
        });
        Receive<JournalWriteProbe.Outcome>(outcome =>
        {
            if (Sender.Equals(_probe) && !_answered) Answer(outcome.Error);
        });
        Receive<ProbeTimedOut>(timedOut =>
        {
            if (timedOut.Generation != _generation || _probe is null || _answered) return;
            Answer($"the journal did not answer within {_timeout.TotalSeconds:0.#} s");
            Context.Stop(_probe);
        });
        Receive<Terminated>(terminated =>
        {
            if (!terminated.ActorRef.Equals(_probe)) return;
            // Stopped without a word: a persistence failure stops a persistent actor.
            if (!_answered) Answer("the journal probe stopped before it finished");
            _probe = null;
            // Whoever asked after the last answer gets a probe of their own.
            if (_waiting.Count > 0) StartProbe();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string persistenceId, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new ReadinessProbe(persistenceId, timeout));

    /// <summary>The fixed persistence id of a node's probe, e.g. <c>readiness-probe-10.0.0.5-4053</c>.</summary>
    public static string PersistenceIdFor(Address node) => $"readiness-probe-{node.Host}-{node.Port}";

    private void StartProbe()
    {
        _generation++;
        _startedAt = DateTime.UtcNow;
        _answered = false;
        _probe = Context.Watch(Context.ActorOf(JournalWriteProbe.Props(_persistenceId), $"journal-probe-{_generation}"));
        Timers.StartSingleTimer(TimeoutTimer, new ProbeTimedOut(_generation), _timeout);
    }

    private void Answer(string? error)
    {
        _answered = true;
        var result = new JournalProbeResult(error is null, error, DateTime.UtcNow - _startedAt);
        foreach (var asker in _waiting) asker.Tell(result);
        _waiting.Clear();
        Timers.Cancel(TimeoutTimer);
    }

    private sealed record ProbeTimedOut(int Generation);
}
