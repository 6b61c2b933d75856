using InstaIntel.Domain.Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace InstaIntel.Node.Observability;

/// <summary>OpenTelemetry metrics: the InstaIntel meter plus ASP.NET Core's and the runtime's, scraped by Prometheus at <c>/metrics</c>.</summary>
public static class InstaIntelTelemetry
{
    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddInstaIntelTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("instaintel"))
            .WithMetrics(metrics => metrics
                .AddMeter(InstaIntelMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddPrometheusExporter());
        services.Configure<AccountsGaugeOptions>(configuration.GetSection(AccountsGaugeOptions.Section));
        services.AddHostedService<AccountsGaugeService>();
        return services;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapePath);
        return app;
    }
}
