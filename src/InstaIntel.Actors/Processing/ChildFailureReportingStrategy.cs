using Akka.Actor;
using Akka.Actor.Internal;
using InstaIntel.Actors.Accounts;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// Restarts a crashed child (its stream dies with it; the next run starts a fresh one) and tells the entity which
/// child crashed, so a run in flight on it is recorded as failed and backed off instead of hanging until its
/// heartbeat goes stale.
/// </summary>
public sealed class ChildFailureReportingStrategy(IActorRef entity, int maxNrOfRetries, TimeSpan withinTimeRange)
    : OneForOneStrategy(maxNrOfRetries, withinTimeRange, _ => Directive.Restart)
{
    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        entity.Tell(new ChildCrashed(child.Path.Name, cause));
        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}
