using Akka.Actor;
using Akka.Cluster;
using InstaIntel.Node.Health;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InstaIntel.Node.Dashboard.Pages;

/// <summary>Health, cluster members, shard distribution, app issues and failures (with their retry buttons): what the CLI palette shows.</summary>
public sealed class OperationsModel(DashboardQueries queries, ShardLocator shards, HealthCheckService health, ActorSystem system, DashboardActions actions) : PageModel
{
    public HealthReport Health { get; private set; } = new(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero);
    public IReadOnlyList<Member> Members { get; private set; } = [];
    public IReadOnlyList<(string Node, int Shards, int Entities)> Distribution { get; private set; } = [];
    public OperationsOverview Overview { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Health = await health.CheckHealthAsync(check => check.Tags.Contains(HealthEndpoints.ReadyTag), cancellationToken);
        Members = Cluster.Get(system).State.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).ToList();
        Distribution = await shards.DistributionAsync(cancellationToken);
        Overview = await queries.OperationsAsync(cancellationToken);
    }

    // The admin API's retry: the outcome comes back as the flash line of the operations page.
    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await actions.RetryFailureAsync(id, cancellationToken);
        TempData["Flash"] = outcome.Message;
        TempData["FlashOk"] = outcome.Ok;
        return LocalRedirect("/operations");
    }
}
