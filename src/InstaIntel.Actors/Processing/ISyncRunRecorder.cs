using System.Collections.Immutable;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Actors.Processing;

/// <summary>Writes the <c>sync_runs</c> rows of the entity's runs (the journal holds the state; the rows are for people).</summary>
public interface ISyncRunRecorder
{
    Task RunStartedAsync(string username, Guid runId, Phase phase, string trigger, DateTime at, CancellationToken cancellationToken = default);

    Task RunFinishedAsync(string username, Guid runId, bool succeeded, ImmutableDictionary<string, int> stats, string? error, DateTime at, CancellationToken cancellationToken = default);
}
