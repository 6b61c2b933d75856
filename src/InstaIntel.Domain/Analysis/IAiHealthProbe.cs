namespace InstaIntel.Domain.Analysis;

/// <summary>Whether one AI provider can be used now: what the AI-health check asks of each enabled provider.</summary>
public interface IAiHealthProbe
{
    /// <summary>The provider's name, as in <c>ai_provider_settings.provider</c>.</summary>
    string Provider { get; }

    Task<AiHealthResult> ProbeAsync(CancellationToken cancellationToken);
}

/// <param name="Detail">Why, in words (shown in the issue): the status that answered, or the error.</param>
public sealed record AiHealthResult(bool Healthy, string Detail);
