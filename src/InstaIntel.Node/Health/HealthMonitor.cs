namespace InstaIntel.Node.Health;

/// <summary>
/// Runs the queue and AI health checks when the node starts and then every <see cref="HealthMonitorOptions.Interval"/>.
/// A check that fails (e.g. the database is away) is logged and tried next time; the AI verdict then keeps its last value.
/// </summary>
public sealed class HealthMonitor(IServiceProvider services, HealthMonitorOptions options, ILogger<HealthMonitor> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        // Resolved here, once the actor system has started (hosted services start in order), not when the host builds them.
        var queues = services.GetRequiredService<QueueHealthCheck>();
        var ai = services.GetRequiredService<AiHealthCheck>();
        using var timer = new PeriodicTimer(options.Interval);
        do
        {
            await RunAsync("Queue health check", () => queues.CheckAsync(DateTime.UtcNow, stoppingToken), stoppingToken);
            await RunAsync("AI health check", async () =>
            {
                var (verdict, _) = await ai.CheckAsync(DateTime.UtcNow, stoppingToken);
                if (!verdict.Healthy) log.LogWarning("AI unhealthy: {Detail}", verdict.Detail);
            }, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunAsync(string name, Func<Task> check, CancellationToken stoppingToken)
    {
        try
        {
            await check();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogWarning(ex, "{Check} failed; trying again in {Interval}", name, options.Interval);
        }
    }
}
