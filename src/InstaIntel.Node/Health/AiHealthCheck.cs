using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Operations;
using InstaIntel.Storage;
using InstaIntel.Storage.Operations;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Node.Health;

/// <summary>Reachability of a provider's HTTP endpoint: any answer below 500 means it is there.</summary>
public sealed class HttpAiHealthProbe(string provider, Uri baseUrl, HttpClient http) : IAiHealthProbe
{
    public string Provider { get; } = provider;

    public async Task<AiHealthResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(baseUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return status < 500
                ? new AiHealthResult(true, $"{baseUrl} answered {status}")
                : new AiHealthResult(false, $"{baseUrl} answered {status}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new AiHealthResult(false, $"{baseUrl} is unreachable: {ex.Message}");
        }
    }
}

/// <summary>A provider whose settings name no endpoint cannot be probed: it counts as unhealthy, with the reason.</summary>
public sealed class MisconfiguredAiHealthProbe(string provider, string reason) : IAiHealthProbe
{
    public string Provider { get; } = provider;

    public Task<AiHealthResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(new AiHealthResult(false, reason));
}

/// <summary>
/// AI health: probes every enabled provider of <c>ai_provider_settings</c> (its <c>config.base_url</c>) and raises an
/// <c>ai_unhealthy</c> issue for a provider that fails, resolving it when the provider answers again.
/// Providers that are not HTTP endpoints can add their own <see cref="IAiHealthProbe"/> through <see cref="ProbesFor"/>.
/// </summary>
public sealed class AiHealthCheck(InstaIntelDbFactory database, IssueRepository issues, IHttpClientFactory clients, HealthCheckOptions options)
{
    public const string Issue = "ai_unhealthy";

    public IReadOnlyList<IAiHealthProbe> ProbesFor(IEnumerable<AiProviderSetting> settings)
    {
        var http = clients.CreateClient(nameof(AiHealthCheck));
        http.Timeout = options.AiProbeTimeout;
        return settings.Select(setting =>
            setting.Config?["base_url"]?.GetValue<string>() is { } url && Uri.TryCreate(url, UriKind.Absolute, out var baseUrl)
                ? new HttpAiHealthProbe(setting.Provider, baseUrl, http)
                : (IAiHealthProbe)new MisconfiguredAiHealthProbe(setting.Provider, "no usable config.base_url to probe")).ToList();
    }

    /// <returns>each enabled provider and how its probe went.</returns>
    public async Task<IReadOnlyList<(string Provider, AiHealthResult Result)>> CheckAsync(DateTime now, CancellationToken cancellationToken)
    {
        List<AiProviderSetting> enabled;
        await using (var db = database.Open())
            enabled = await db.AiProviderSettings.Where(s => s.Enabled).OrderBy(s => s.Priority).ToListAsync(cancellationToken);
        var results = new List<(string, AiHealthResult)>();
        foreach (var probe in ProbesFor(enabled))
        {
            var result = await probe.ProbeAsync(cancellationToken);
            var report = new IssueReport(Issue, probe.Provider, IssueSeverity.Error, $"AI provider {probe.Provider} is unhealthy", result.Detail, Issue);
            if (result.Healthy)
                await issues.ResolveAsync(report.Fingerprint, $"healthy again: {result.Detail}", now, cancellationToken);
            else
                await issues.RaiseAsync(report, now, cancellationToken: cancellationToken);
            results.Add((probe.Provider, result));
        }
        return results;
    }
}
