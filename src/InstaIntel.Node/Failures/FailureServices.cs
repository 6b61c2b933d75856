using InstaIntel.Actors.Operations;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Node.Failures;

/// <summary>Failure capture, issues, the retry sweep and the queue and AI health checks that raise issues of their own.</summary>
public static class FailureServices
{
    public static IServiceCollection AddInstaIntelFailures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(FailureRetryOptions.Section).Get<FailureRetryOptions>() ?? new FailureRetryOptions());
        services.AddSingleton<FailureRepository>();
        services.AddSingleton<IssueRepository>();
        services.AddSingleton<IFailureRecorder, FailureRecorder>();
        services.AddSingleton<FailureRetrier>();
        services.AddSingleton<FailureRetrySweep>();
        services.AddHostedService(sp => sp.GetRequiredService<FailureRetrySweep>());

        services.AddSingleton(configuration.GetSection(Health.HealthCheckOptions.Section).Get<Health.HealthCheckOptions>() ?? new Health.HealthCheckOptions());
        services.AddHttpClient();
        services.AddSingleton<Health.QueueHealthCheck>();
        services.AddSingleton<Health.AiHealthCheck>();
        services.AddHostedService<Health.HealthCheckService>();
        return services;
    }
}
