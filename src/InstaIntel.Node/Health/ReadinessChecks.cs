using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using InstaIntel.Actors.Operations;
using InstaIntel.Instagram.Browser;
using InstaIntel.Storage;
using LinqToDB.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InstaIntel.Node.Health;

/// <summary>This node is an Up member of its cluster (Joining, Leaving or Down nodes should get no traffic).</summary>
internal sealed class ClusterMemberUpCheck(ActorSystem system) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var self = Cluster.Get(system).SelfMember;
        return Task.FromResult(self.Status == MemberStatus.Up
            ? HealthCheckResult.Healthy($"{self.Address} is Up")
            : HealthCheckResult.Unhealthy($"{self.Address} is {self.Status}"));
    }
}

/// <summary>The application database answers <c>SELECT 1</c> through the node's own connection factory.</summary>
internal sealed class DatabaseCheck(InstaIntelDbFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = factory.Open();
            var one = await db.ExecuteAsync<int>("SELECT 1", cancellationToken);
            return one == 1
                ? HealthCheckResult.Healthy($"{factory.Storage.Engine} answers")
                : HealthCheckResult.Unhealthy($"{factory.Storage.Engine} answered {one} to SELECT 1");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The message names the engine's complaint (connection refused, timeout), not the connection string.
            return HealthCheckResult.Unhealthy($"{factory.Storage.Engine} unreachable: {ex.GetType().Name}: {FirstLine(ex.Message)}");
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

/// <summary>The Akka journal takes a write and a delete (the node's <see cref="ReadinessProbe"/>).</summary>
internal sealed class JournalCheck(IRequiredActor<ReadinessProbeActor> probe, ReadinessOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var actor = await probe.GetAsync(cancellationToken);
            var result = await actor.Ask<JournalProbeResult>(ProbeJournal.Instance, options.JournalProbeTimeout + TimeSpan.FromSeconds(2), cancellationToken);
            return result.Writable
                ? HealthCheckResult.Healthy($"write and delete took {result.Elapsed.TotalMilliseconds:0} ms")
                : HealthCheckResult.Unhealthy(result.Error);
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy("the readiness probe did not answer");
        }
    }
}

/// <summary>
/// Chromium: healthy before its first launch (it starts with the first Instagram request) and while connected.
/// A dead browser is Degraded, not Unhealthy: the pool launches a new one on the next request by itself.
/// </summary>
internal sealed class BrowserPoolCheck(BrowserPool pool) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            pool.Launches == 0 ? HealthCheckResult.Healthy("not launched yet")
            : pool.IsBrowserConnected ? HealthCheckResult.Healthy($"connected, {pool.OpenContexts} contexts open")
            : HealthCheckResult.Degraded("Chromium is not connected; the pool relaunches it on the next request"));
}
