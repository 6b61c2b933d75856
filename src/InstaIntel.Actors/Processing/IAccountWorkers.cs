using Akka.Actor;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// The children an account entity supervises, one per kind of work. The node supplies the real ones; the entity
/// only knows which child runs which phase.
/// </summary>
public interface IAccountWorkers
{
    /// <summary>Child name and props; the entity makes each child the first time it needs it (a phase to run, a message to
    /// send). Names are stable: they appear in actor paths and the admin CLI.</summary>
    IReadOnlyList<(string Name, Props Props)> Children(string username);

    /// <summary>The child (by name) that runs <paramref name="phase"/>.</summary>
    string ChildFor(Phase phase);

    /// <summary>Whether the node may start another run of <paramref name="phase"/> now (a node-wide bound is not reached).</summary>
    bool HasRoomFor(Phase phase) => true;
}
