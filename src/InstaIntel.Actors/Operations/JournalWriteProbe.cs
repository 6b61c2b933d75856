using Akka.Actor;
using Akka.Persistence;

namespace InstaIntel.Actors.Operations;

/// <summary>
/// A short-lived persistent actor that recovers, persists one tiny event, deletes it and reports to its parent
/// (<see cref="ReadinessProbe"/>), then stops. Recovery proves the journal reads; persist and delete prove it writes.
/// </summary>
public sealed class JournalWriteProbe : ReceivePersistentActor
{
    private const string ProbeEvent = "readiness-probe";

    public JournalWriteProbe(string persistenceId)
    {
        PersistenceId = persistenceId;

        Recover<string>(_ => { });
        Recover<RecoveryCompleted>(_ => Persist(ProbeEvent, _ => DeleteMessages(LastSequenceNr)));
        Command<DeleteMessagesSuccess>(_ => Finish(null));
        Command<DeleteMessagesFailure>(failure => Finish($"delete failed: {Describe(failure.Cause)}"));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new JournalWriteProbe(persistenceId));

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Context.Parent.Tell(new Outcome($"recovery failed: {Describe(reason)}"));
        base.OnRecoveryFailure(reason, message);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Context.Parent.Tell(new Outcome($"write failed: {Describe(cause)}"));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Context.Parent.Tell(new Outcome($"write rejected: {Describe(cause)}"));
        base.OnPersistRejected(cause, @event, sequenceNr);
        Context.Stop(Self);
    }

    private void Finish(string? error)
    {
        Context.Parent.Tell(new Outcome(error));
        Context.Stop(Self);
    }

    // The innermost message names the cause (connection refused, circuit breaker open) without a stack trace.
    private static string Describe(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner == exception ? $"{exception.GetType().Name}: {exception.Message}" : $"{exception.GetType().Name}: {inner.Message}";
    }

    /// <summary>To the parent: null <see cref="Error"/> means the write and the delete went through.</summary>
    public sealed record Outcome(string? Error);
}
