using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;
using InstaIntel.Domain.Observability;
using InstaIntel.Domain.Operations;
using InstaIntel.Node.Admin;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Node.Health;

/// <summary>
/// Queue health: the stream backlogs the account children report (read from <see cref="InstaIntelMetrics.StreamBacklog"/>
/// by a listener) and the mailboxes of this node's account actors, each against its threshold. Above it raises an
/// issue (one per stream and kind, one per actor); back under it resolves the issue it raised.
/// </summary>
public sealed class QueueHealthCheck : IDisposable
{
    public const string BacklogIssue = "queue_backlog";
    public const string MailboxIssue = "queue_mailbox";

    private readonly ConcurrentDictionary<(string Stream, string Kind), long> _backlog = new();
    private readonly HashSet<string> _raised = [];
    private readonly MeterListener _listener = new();
    private readonly ActorSystem _system;
    private readonly IssueRepository _issues;
    private readonly HealthCheckOptions _options;

    public QueueHealthCheck(ActorSystem system, IssueRepository issues, HealthCheckOptions options)
    {
        _system = system;
        _issues = issues;
        _options = options;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == InstaIntelMetrics.MeterName && instrument.Name == InstaIntelMetrics.StreamBacklogName)
                listener.EnableMeasurementEvents(instrument);
        };
        // The instrument is an up-down counter of changes: the sum of what was measured is the backlog.
        _listener.SetMeasurementEventCallback<long>((_, delta, tags, _) =>
        {
            string? stream = null, kind = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "stream") stream = tag.Value as string;
                else if (tag.Key == "kind") kind = tag.Value as string;
            }
            if (stream is not null && kind is not null)
                _backlog.AddOrUpdate((stream, kind), delta, (_, total) => total + delta);
        });
        _listener.Start();
    }

    /// <summary>One check: raises what is above its threshold, resolves what this node raised and is back under.</summary>
    /// <returns>the issues raised by this check.</returns>
    public async Task<IReadOnlyList<IssueReport>> CheckAsync(DateTime now, CancellationToken cancellationToken)
    {
        var above = new List<IssueReport>();
        foreach (var ((stream, kind), total) in _backlog)
        {
            if (total > _options.BacklogThreshold)
                above.Add(new IssueReport(BacklogIssue, stream, IssueSeverity.Warn, $"Backlog of {kind} in {stream} above {_options.BacklogThreshold}",
                    $"{total} {kind} waiting in {stream} on this node (threshold {_options.BacklogThreshold}).", kind));
        }
        var region = ActorTree.Find(_system, "/system/sharding/account");
        if (region is not null)
        {
            var budget = ActorTree.MaxNodes;
            foreach (var actor in Flatten(ActorTree.Describe(region, depth: 3, ref budget)))
            {
                if (actor.Mailbox > _options.MailboxThreshold)
                    above.Add(new IssueReport(MailboxIssue, actor.Path, IssueSeverity.Warn, $"Mailbox of {actor.Path} above {_options.MailboxThreshold}",
                        $"{actor.Mailbox} messages queued for {actor.Path} (threshold {_options.MailboxThreshold}).", "mailbox"));
            }
        }

        foreach (var report in above)
        {
            await _issues.RaiseAsync(report, now, cancellationToken: cancellationToken);
            lock (_raised) _raised.Add(report.Fingerprint);
        }
        var stillAbove = above.Select(r => r.Fingerprint).ToHashSet();
        string[] recovered;
        lock (_raised) recovered = _raised.Where(f => !stillAbove.Contains(f)).ToArray();
        foreach (var fingerprint in recovered)
        {
            await _issues.ResolveAsync(fingerprint, "back under its threshold", now, cancellationToken);
            lock (_raised) _raised.Remove(fingerprint);
        }
        return above;
    }

    private static IEnumerable<ActorNodeView> Flatten(ActorNodeView node) => node.Children.SelectMany(Flatten).Prepend(node);

    public void Dispose() => _listener.Dispose();
}
