using System.Collections.Immutable;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Processing;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// The entity's runs as <c>sync_runs</c> rows: a follow-graph phase is a <c>follow_graph</c> run, every other phase a
/// <c>continuous_processing</c> run. A run that carries out an operator's action links its action log
/// (<c>stats_json.action_log_id</c>), and the log follows the run: running when it starts, succeeded or failed with it.
/// </summary>
public sealed class SyncRunRecorder(SyncRunRepository runs, ProfileActionLogRepository? actionLogs = null) : ISyncRunRecorder
{
    private const string ActionLogKey = "action_log_id";

    public async Task RunStartedAsync(string username, Guid runId, Phase phase, string trigger, DateTime at, long? actionLogId = null, CancellationToken cancellationToken = default)
    {
        var stats = new JsonObject { ["phase"] = SeedString.Of(phase), ["trigger"] = trigger };
        if (actionLogId is { } logId) stats[ActionLogKey] = logId;
        await runs.StartAsync(username, phase == Phase.FollowGraphSync ? SyncRunKind.FollowGraph : SyncRunKind.ContinuousProcessing, runId, stats, at, cancellationToken);
        if (actionLogId is { } id && actionLogs is not null)
            await actionLogs.MarkRunningAsync(id, at, cancellationToken);
    }

    public async Task RunFinishedAsync(string username, Guid runId, bool succeeded, ImmutableDictionary<string, int> stats, string? error, DateTime at, CancellationToken cancellationToken = default)
    {
        var json = new JsonObject();
        foreach (var (key, value) in stats.OrderBy(s => s.Key, StringComparer.Ordinal))
            json[key] = value;
        await runs.FinishAsync(username, succeeded, json, error, at, cancellationToken);
        if (actionLogs is null) return;
        // The run's row names its action log; a log the phase already finished (a one-profile scan) stays as it is.
        var row = (await runs.ListAsync(username, 10, cancellationToken)).FirstOrDefault(r => r.StatsJson?["run_id"]?.GetValue<string>() == runId.ToString());
        if (row?.StatsJson?[ActionLogKey]?.GetValue<long>() is not { } logId) return;
        var metadata = new JsonObject { ["run_id"] = runId.ToString(), ["stats"] = json.DeepClone() };
        if (succeeded)
            await actionLogs.MarkSucceededAsync(logId, at, string.Join(", ", stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")), metadata, cancellationToken);
        else
            await actionLogs.MarkFailedAsync(logId, at, error ?? "failed", metadata, cancellationToken);
    }
}
