using System.Collections.Immutable;
using Akka.Actor;
using InstaIntel.Actors.Processing;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Benchmarks.Hosting;

/// <summary>
/// Stands in for the account entity: creates one child under its role's name, starts one phase on it and completes
/// with the child's report (heartbeats are dropped).
/// </summary>
public sealed class PhaseRunner : ReceiveActor
{
    public PhaseRunner(Props child, string name, StartPhase start, TaskCompletionSource<IPhaseMessage> done)
    {
        var created = Context.ActorOf(child, name);
        created.Tell(start);
        Receive<PhaseSucceeded>(m => done.TrySetResult(m));
        Receive<PhaseFailed>(m => done.TrySetResult(m));
        Receive<PhaseAborted>(m => done.TrySetResult(m));
        ReceiveAny(_ => { });
    }

    /// <summary>
    /// Runs <paramref name="phase"/> once and returns the child's stats; a failed or aborted run throws. The user id is
    /// passed as the entity passes the one it learned at import.
    /// </summary>
    public static async Task<ImmutableDictionary<string, int>> RunAsync(ActorSystem system, Props child, string name, Phase phase, string username, string instagramUserId)
    {
        var done = new TaskCompletionSource<IPhaseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new StartPhase(Guid.NewGuid(), phase, username, instagramUserId, "benchmark");
        var runner = system.ActorOf(Props.Create(() => new PhaseRunner(child, name, start, done)), $"runner-{Guid.NewGuid():N}");
        try
        {
            return await done.Task.WaitAsync(TimeSpan.FromMinutes(8)) switch
            {
                PhaseSucceeded ok => ok.Stats,
                var other => throw new InvalidOperationException($"{phase} did not succeed: {other}"),
            };
        }
        finally
        {
            system.Stop(runner);
        }
    }
}
