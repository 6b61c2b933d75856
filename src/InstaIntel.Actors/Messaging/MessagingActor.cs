using Akka.Actor;
using Akka.Event;
using Akka.Streams;

namespace InstaIntel.Actors.Messaging;

/// <summary>
/// The account's <c>messaging</c> child: sends the account's queued <c>instagram_messages</c> (DMs and story replies)
/// one at a time through the account's request budget and daily caps, and verifies messageability. One piece of work
/// at a time, run as an async workflow whose result comes back with PipeTo; a used-up daily cap leaves the message
/// queued and wakes the child when the cap resets. docs/processing.md, "messaging".
/// </summary>
public sealed class MessagingActor : ReceiveActor, IWithTimers
{
    public const string ChildName = "messaging";
    private const string RetryTimer = "retry-queued";

    private readonly string _username;
    private readonly MessagingServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<IMessagingCommand> _pending = new();
    // Made by the first send (on the actor's thread): most accounts send nothing for long stretches.
    private IMaterializer? _materializer;
    private SharedKillSwitch? _killSwitch;
    private CancellationTokenSource? _cancellation;

    public MessagingActor(string username, MessagingServices services)
    {
        _username = username;
        _services = services;
        Receive<IMessagingCommand>(command =>
        {
            // Sends coalesce: one pending pass picks up every queued row.
            if (command is SendQueuedMessages && _pending.Any(p => p is SendQueuedMessages)) return;
            _pending.Enqueue(command);
            StartNext();
        });
        Receive<WorkDone>(done =>
        {
            foreach (var report in done.Reports)
                Context.Parent.Tell(report);
            if (done.Error is { } error)
                _log.Warning(error, "Messaging work of account {0} failed", _username);
            if (done.WakeAt is { } wake)
                Timers.StartSingleTimer(RetryTimer, new SendQueuedMessages(_username), Clamp(wake - DateTime.UtcNow));
            if (done.MoreQueued)
                _pending.Enqueue(new SendQueuedMessages(_username));
            _cancellation?.Dispose();
            (_killSwitch, _cancellation) = (null, null);
            StartNext();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string username, MessagingServices services) =>
        Akka.Actor.Props.Create(() => new MessagingActor(username, services));

    // Rows left queued by a restart or a passivation are sent when the child comes back.
    protected override void PreStart() => Self.Tell(new SendQueuedMessages(_username));

    protected override void PostStop()
    {
        _killSwitch?.Abort(new OperationCanceledException("the messaging child stopped"));
        _cancellation?.Cancel();
        base.PostStop();
    }

    private void StartNext()
    {
        if (_cancellation is not null || !_pending.TryDequeue(out var command)) return;
        _cancellation = new CancellationTokenSource();
        _killSwitch = KillSwitches.Shared($"messaging-{Guid.NewGuid():N}");
        var work = command switch
        {
            SendQueuedMessages => new MessageSending(_username, _services, _materializer ??= Context.Materializer(), _killSwitch, _cancellation.Token).SendQueuedAsync(),
            VerifyMessageability verify => MessageabilityCheck.RunAsync(_username, verify, _services, _cancellation.Token),
            _ => Task.FromResult(new WorkDone([], null, false, null)),
        };
        work.PipeTo(Self, failure: error => new WorkDone([], null, false, error));
    }

    // A timer far in the future is fine, a negative one is not.
    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
}

/// <summary>One piece of messaging work ended: what to tell the entity, when to try capped messages again, whether more wait.</summary>
internal sealed record WorkDone(IReadOnlyList<IMessagingReport> Reports, DateTime? WakeAt, bool MoreQueued, Exception? Error);
