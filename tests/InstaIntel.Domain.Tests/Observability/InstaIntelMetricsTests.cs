using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using InstaIntel.Domain.Observability;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Domain.Tests.Observability;

public sealed class InstaIntelMetricsTests
{
    [Fact]
    public void Backlog_changes_add_up_to_what_the_children_hold_now()
    {
        var stream = "test-stream-" + Guid.NewGuid().ToString("N")[..8];
        var totals = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == InstaIntelMetrics.MeterName && instrument.Name == InstaIntelMetrics.StreamBacklogName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            if (tagged["stream"] == stream) totals.AddOrUpdate(tagged["kind"]!, value, (_, sum) => sum + value);
        });
        listener.Start();

        // Two accounts' children of the same stream report, one reports again, then one stops.
        var first = new Backlog(StoryPipelines: 3, WorkspaceItems: 5);
        InstaIntelMetrics.RecordBacklogChange(stream, Backlog.None, first);
        InstaIntelMetrics.RecordBacklogChange(stream, Backlog.None, new Backlog(StoryPipelines: 1));
        InstaIntelMetrics.RecordBacklogChange(stream, first, new Backlog(StoryPipelines: 2, ActiveStreams: 1));
        Assert.Equal(3, totals["story_pipelines"]);
        Assert.Equal(0, totals["workspace_items"]);
        Assert.Equal(1, totals["active_streams"]);
        Assert.False(totals.ContainsKey("post_pipelines")); // nothing changed there, nothing recorded

        InstaIntelMetrics.RecordBacklogChange(stream, new Backlog(StoryPipelines: 2, ActiveStreams: 1), Backlog.None);
        Assert.Equal(1, totals["story_pipelines"]);
        Assert.Equal(0, totals["active_streams"]);
    }

    [Fact]
    public void Instagram_requests_are_counted_with_capability_and_outcome()
    {
        var capability = "test-capability-" + Guid.NewGuid().ToString("N")[..8];
        var seen = new ConcurrentBag<(string? Outcome, long Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == InstaIntelMetrics.MeterName && instrument.Name == InstaIntelMetrics.InstagramRequestsName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            if (tagged["capability"] == capability) seen.Add((tagged["outcome"], value));
        });
        listener.Start();

        InstaIntelMetrics.RecordInstagramRequest(capability, "ok");
        InstaIntelMetrics.RecordInstagramRequest(capability, "rate_limited");

        Assert.Equal([("ok", 1L), ("rate_limited", 1L)], seen.OrderBy(s => s.Outcome).ToList());
    }
}
