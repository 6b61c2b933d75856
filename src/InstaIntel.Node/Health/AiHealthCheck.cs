using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Cluster;
using InstaIntel.Actors.Analysis;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Operations;
using InstaIntel.Storage.Analysis;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Node.Health;

/// <summary>
/// AI health: probes every provider the runner would try (the enabled <c>ai_provider_settings</c> rows, or the local
/// provider alone when none exist), each within <see cref="HealthMonitorOptions.AiProbeTimeout"/>. A provider that fails
/// raises an <c>error</c> <c>ai_unhealthy</c> issue owned by this node, resolved when it passes again; the verdict over
/// all of them (<see cref="AiHealthVerdict.Decide"/>) goes to <see cref="AiHealthStatus"/>, where the account entities read it.
/// </summary>
public sealed class AiHealthCheck(ActorSystem system, AiRunner runner, IssueRepository issues, AiHealthStatus status, HealthMonitorOptions options)
{
    public const string Issue = "ai_unhealthy";

    /// <summary>The purposes the runner serves: each needs one healthy provider for the node to count as AI-healthy.</summary>
    public static readonly IReadOnlyList<string> Purposes = [AiPurposes.MediaUnderstanding, AiPurposes.TextGeneration];

    public async Task<(AiHealthVerdict Verdict, IReadOnlyList<ProviderHealth> Providers)> CheckAsync(DateTime now, CancellationToken cancellationToken)
    {
        var node = Cluster.Get(system).SelfAddress.ToString();
        var probed = new List<ProviderHealth>();
        foreach (var settings in await runner.EnabledAsync(cancellationToken))
        {
            var provider = runner.Provider(settings.Provider);
            var result = provider is null
                ? new AiHealthResult(false, $"this node has no provider named '{settings.Provider}'")
                : await ProbeAsync(provider, settings, cancellationToken);
            var purposes = provider is null ? new List<string>() : Purposes.Where(provider.Supports).ToList();
            probed.Add(new ProviderHealth(settings.Provider, purposes, result));

            var report = new IssueReport(Issue, settings.Provider, IssueSeverity.Error, $"AI provider {settings.Provider} is unhealthy", result.Detail,
                $"{Issue} on {node}", Metadata: new JsonObject { ["node"] = node, ["priority"] = settings.Priority });
            if (result.Healthy)
                await issues.ResolveAsync(report.Fingerprint, $"healthy again: {result.Detail}", now, cancellationToken);
            else
                await issues.RaiseAsync(report, now, cancellationToken: cancellationToken);
        }
        var verdict = AiHealthVerdict.Decide(probed, Purposes.ToList(), now);
        status.Report(verdict);
        return (verdict, probed);
    }

    private async Task<AiHealthResult> ProbeAsync(IAiProvider provider, ProviderSettings settings, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.AiProbeTimeout);
        try
        {
            return await provider.ProbeAsync(settings, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AiHealthResult(false, $"no answer within {options.AiProbeTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A probe that throws says the provider cannot be used; the check goes on with the next one.
            return new AiHealthResult(false, $"{error.GetType().Name}: {error.Message}");
        }
    }
}
