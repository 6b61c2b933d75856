using InstaIntel.Actors.Operations;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Node.Failures;

/// <summary>Failure capture, issues and the retry sweep: what the entity, the HTTP edge and the admin API share.</summary>
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
        return services;
    }
}
