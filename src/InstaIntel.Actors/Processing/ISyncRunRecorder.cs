using System.Collections.Immutable;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Actors.Processing;

/// <summary>Writes the <c>sync_runs</c> rows of the entity's runs (the journal holds the state; the rows are for people).</summary>
public interface ISyncRunRecorder
{
    /// <param name="actionLogId">the operator's action the run carries out: its log follows the run (running, then how it ended).</param>
    Task RunStartedAsync(string username, Guid runId, Phase phase, string trigger, DateTime at, long? actionLogId = null, CancellationToken cancellationToken = default);

    Task RunFinishedAsync(string username, Guid runId, bool succeeded, ImmutableDictionary<string, int> stats, string? error, DateTime at, CancellationToken cancellationToken = default);
}
