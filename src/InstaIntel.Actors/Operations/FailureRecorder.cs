using InstaIntel.Domain.Common;
using InstaIntel.Domain.Observability;
using InstaIntel.Domain.Operations;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Actors.Operations;

/// <summary>The node's failure recorder: counts the failure in <c>instaintel.failures</c>, then stores it.</summary>
public sealed class FailureRecorder(FailureRepository failures) : IFailureRecorder
{
    public Task RecordAsync(FailureReport report, CancellationToken cancellationToken = default)
    {
        // Counted before the write, so a database that is down still shows up in the metrics.
        InstaIntelMetrics.RecordFailure(SeedString.Of(report.Classification.Kind), report.IssueSource);
        return failures.RecordAsync(report, cancellationToken);
    }
}
