using System.Collections.Immutable;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Processing;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Actors.Processing;

/// <summary>The entity's runs as <c>sync_runs</c> rows: a follow-graph phase is a <c>follow_graph</c> run, every other phase a <c>continuous_processing</c> run.</summary>
public sealed class SyncRunRecorder(SyncRunRepository runs) : ISyncRunRecorder
{
    public Task RunStartedAsync(string username, Guid runId, Phase phase, string trigger, DateTime at, CancellationToken cancellationToken = default) =>
        runs.StartAsync(username, phase == Phase.FollowGraphSync ? SyncRunKind.FollowGraph : SyncRunKind.ContinuousProcessing, runId,
            new JsonObject { ["phase"] = SeedString.Of(phase), ["trigger"] = trigger }, at, cancellationToken);

    public Task RunFinishedAsync(string username, Guid runId, bool succeeded, ImmutableDictionary<string, int> stats, string? error, DateTime at, CancellationToken cancellationToken = default)
    {
        var json = new JsonObject();
        foreach (var (key, value) in stats.OrderBy(s => s.Key, StringComparer.Ordinal))
            json[key] = value;
        return runs.FinishAsync(username, succeeded, json, error, at, cancellationToken);
    }
}
