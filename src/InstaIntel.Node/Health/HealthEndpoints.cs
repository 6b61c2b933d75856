using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InstaIntel.Node.Health;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers) and <c>/readyz</c> (readiness: every check tagged <c>ready</c>); and the
/// health monitor, whose queue and AI checks raise app issues and set the AI verdict.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInstaIntelHealth(this IServiceCollection services, ReadinessOptions options)
    {
        services.AddSingleton(options);
        services.AddHealthChecks()
            .AddCheck<ClusterMemberUpCheck>("cluster", tags: [ReadyTag], timeout: options.CheckTimeout)
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag], timeout: options.CheckTimeout)
            .AddCheck<JournalCheck>("journal", tags: [ReadyTag], timeout: options.CheckTimeout)
            .AddCheck<BrowserPoolCheck>("chromium", tags: [ReadyTag], timeout: options.CheckTimeout);
        return services;
    }

    public static IServiceCollection AddInstaIntelHealthMonitor(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(HealthMonitorOptions.Section).Get<HealthMonitorOptions>() ?? new HealthMonitorOptions();
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<QueueHealthCheck>();
        services.AddSingleton<AiHealthCheck>();
        services.AddHostedService<HealthMonitor>();
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        // Liveness runs no check: a node whose database is down is alive and should not be restarted for it.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteJsonAsync,
        });
        return app;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>Status, and each check with its status, description and duration.</summary>
    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            totalMs = Math.Round(report.TotalDuration.TotalMilliseconds),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    status = entry.Value.Status.ToString(),
                    description = entry.Value.Description ?? entry.Value.Exception?.Message,
                    durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds),
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
