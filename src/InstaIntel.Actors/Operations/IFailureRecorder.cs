using InstaIntel.Domain.Operations;

namespace InstaIntel.Actors.Operations;

/// <summary>
/// Stores failures of supervised work (a <c>background_job_failures</c> row and its <c>app_issues</c> occurrence).
/// Actors call it and pipe the task back to themselves: a write that fails is logged, never a crash.
/// </summary>
public interface IFailureRecorder
{
    Task RecordAsync(FailureReport report, CancellationToken cancellationToken = default);
}
