using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Domain.Observability;

/// <summary>
/// The node's own instruments, on one <see cref="Meter"/> named <see cref="MeterName"/>. Any project records to them
/// directly (a static meter costs nothing while no listener is attached); the node exports them at <c>/metrics</c>.
/// Names and tags are listed in docs/operations.md; tag values are the seed's snake_case words.
/// </summary>
public static class InstaIntelMetrics
{
    public const string MeterName = "InstaIntel";

    public const string AccountsName = "instaintel.accounts";
    public const string InstagramRequestsName = "instaintel.instagram.requests";
    public const string AnalysisDurationName = "instaintel.analysis.duration";
    public const string StreamBacklogName = "instaintel.stream.backlog";
    public const string FailuresName = "instaintel.failures";

    public static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Requests sent to Instagram. Tags: <c>capability</c> (e.g. <c>followers</c>), <c>outcome</c> (<c>ok</c> or the error kind, e.g. <c>rate_limited</c>).</summary>
    public static readonly Counter<long> InstagramRequests =
        Meter.CreateCounter<long>(InstagramRequestsName, "{request}", "Requests sent to Instagram, by capability and outcome");

    /// <summary>How long one media analysis took, in seconds. Tags: <c>analyser</c> (e.g. <c>face_detection</c>), <c>outcome</c> (<c>ok</c>, <c>failed</c>, <c>cached</c>).</summary>
    public static readonly Histogram<double> AnalysisDuration =
        Meter.CreateHistogram<double>(AnalysisDurationName, "s", "Duration of one media analysis");

    /// <summary>
    /// Unfinished work held by the account children of this node. Tags: <c>stream</c> (the child, e.g. <c>story-ingestion</c>),
    /// <c>kind</c> (<c>story_pipelines</c>, <c>post_pipelines</c>, <c>workspace_items</c>, <c>active_streams</c>). Record changes
    /// with <see cref="RecordBacklogChange"/>, so the sum over accounts stays right.
    /// </summary>
    public static readonly UpDownCounter<long> StreamBacklog =
        Meter.CreateUpDownCounter<long>(StreamBacklogName, "{item}", "Unfinished work in account streams on this node");

    /// <summary>Failures of supervised work. Tags: <c>kind</c> (<c>authentication</c>, <c>transient</c>, <c>runtime</c>), <c>queue</c> (the child or stream).</summary>
    public static readonly Counter<long> Failures =
        Meter.CreateCounter<long>(FailuresName, "{failure}", "Failures of supervised work, by kind");

    private static ImmutableDictionary<string, long> _accountsByState = ImmutableDictionary<string, long>.Empty;

    /// <summary>Managed accounts by <c>state</c> (the seed's continuous_processing_state); the node refreshes it from <c>instagram_accounts</c>.</summary>
    public static readonly ObservableGauge<long> Accounts = Meter.CreateObservableGauge(
        AccountsName,
        () => Volatile.Read(ref _accountsByState).Select(pair => new Measurement<long>(pair.Value, new KeyValuePair<string, object?>("state", pair.Key))),
        "{account}",
        "Managed accounts by continuous-processing state (cluster-wide, read from instagram_accounts)");

    /// <summary>Replaces the numbers behind <see cref="Accounts"/>.</summary>
    public static void SetAccountsByState(IReadOnlyDictionary<string, long> counts) =>
        Volatile.Write(ref _accountsByState, counts.ToImmutableDictionary());

    public static void RecordInstagramRequest(string capability, string outcome) =>
        InstagramRequests.Add(1, new KeyValuePair<string, object?>("capability", capability), new KeyValuePair<string, object?>("outcome", outcome));

    public static void RecordFailure(string kind, string queue) =>
        Failures.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("queue", queue));

    public static void RecordAnalysis(string analyser, string outcome, TimeSpan elapsed) =>
        AnalysisDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("analyser", analyser), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A child reported a new backlog: adds the difference to <see cref="StreamBacklog"/>. Report (last, <see cref="Backlog.None"/>) when the child stops.</summary>
    public static void RecordBacklogChange(string stream, Backlog before, Backlog after)
    {
        Add(stream, "story_pipelines", after.StoryPipelines - before.StoryPipelines);
        Add(stream, "post_pipelines", after.PostPipelines - before.PostPipelines);
        Add(stream, "workspace_items", after.WorkspaceItems - before.WorkspaceItems);
        Add(stream, "active_streams", after.ActiveStreams - before.ActiveStreams);
    }

    // The same sums as the instrument's, kept here so queue health can read them without a listener that would miss
    // every change made before it started.
    private static readonly ConcurrentDictionary<(string Stream, string Kind), long> BacklogTotals = new();

    /// <summary>What <see cref="StreamBacklog"/> adds up to now in this process (one node), by stream and kind.</summary>
    public static IReadOnlyDictionary<(string Stream, string Kind), long> CurrentBacklog() => BacklogTotals.ToDictionary(pair => pair.Key, pair => pair.Value);

    private static void Add(string stream, string kind, long delta)
    {
        if (delta == 0) return;
        StreamBacklog.Add(delta, new KeyValuePair<string, object?>("stream", stream), new KeyValuePair<string, object?>("kind", kind));
        BacklogTotals.AddOrUpdate((stream, kind), delta, (_, total) => total + delta);
    }
}
