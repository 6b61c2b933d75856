namespace InstaIntel.Node.Health;

/// <summary>Runs the queue and AI health checks every <see cref="HealthCheckOptions.Interval"/>; a failing check is logged and tried next time.</summary>
public sealed class HealthCheckService(QueueHealthCheck queues, AiHealthCheck ai, HealthCheckOptions options, ILogger<HealthCheckService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        using var timer = new PeriodicTimer(options.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await queues.CheckAsync(DateTime.UtcNow, stoppingToken);
                await ai.CheckAsync(DateTime.UtcNow, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Health checks failed");
            }
        }
    }
}
