namespace InstaIntel.Domain.Analysis;

/// <summary>How one provider's health probe went; <paramref name="Detail"/> says why in words (the status that answered, or the error).</summary>
public sealed record AiHealthResult(bool Healthy, string Detail);

/// <summary>One enabled provider, the purposes it serves and how its probe went.</summary>
public sealed record ProviderHealth(string Provider, IReadOnlyCollection<string> Purposes, AiHealthResult Result);

/// <summary>
/// The node's AI verdict, what the coordinator reads as <c>TickContext.AiHealthy</c>: healthy when every purpose the runner
/// serves has at least one enabled provider whose probe passed (the runner falls back by priority, so one healthy
/// provider a purpose is enough).
/// </summary>
public sealed record AiHealthVerdict(bool Healthy, string Detail, DateTime? CheckedAt)
{
    /// <summary>Before the first check: work goes on (a node should not stall for a check that has not run).</summary>
    public static readonly AiHealthVerdict NotChecked = new(true, "not checked yet", null);

    public static AiHealthVerdict Decide(IReadOnlyList<ProviderHealth> providers, IReadOnlyCollection<string> purposes, DateTime checkedAt)
    {
        var missing = new List<string>();
        var served = new List<string>();
        foreach (var purpose in purposes)
        {
            var healthy = providers.Where(p => p.Result.Healthy && p.Purposes.Contains(purpose)).Select(p => p.Provider).ToList();
            if (healthy.Count > 0)
            {
                served.Add($"{purpose} by {string.Join(", ", healthy)}");
                continue;
            }
            var failing = providers.Where(p => p.Purposes.Contains(purpose)).Select(p => $"{p.Provider}: {p.Result.Detail}").ToList();
            missing.Add(failing.Count == 0
                ? $"no enabled provider serves {purpose}"
                : $"no healthy provider for {purpose} ({string.Join("; ", failing)})");
        }
        return missing.Count == 0
            ? new AiHealthVerdict(true, string.Join("; ", served), checkedAt)
            : new AiHealthVerdict(false, string.Join("; ", missing), checkedAt);
    }
}
