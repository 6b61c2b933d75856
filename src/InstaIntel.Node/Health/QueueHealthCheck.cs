using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Cluster;
using InstaIntel.Domain.Observability;
using InstaIntel.Domain.Operations;
using InstaIntel.Node.Admin;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Node.Health;

/// <summary>
/// Queue health: the stream backlogs the account children report (<see cref="InstaIntelMetrics.CurrentBacklog"/>: per
/// process, so per node) and the mailboxes of the actors under the watched roots, each against its
/// threshold. Above it raises a <c>warn</c> issue owned by this node (its address is in the key and the metadata); back
/// under it, this node resolves the issue it raised.
/// </summary>
public sealed class QueueHealthCheck : IDisposable
{
    public const string BacklogIssue = "queue_backlog";
    public const string MailboxIssue = "queue_mailbox";

    // Fingerprints this node raised and has not resolved; on the first check it takes over those a previous run of it left open.
    private readonly HashSet<string> _raised = [];
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly ActorSystem _system;
    private readonly IssueRepository _issues;
    private readonly HealthMonitorOptions _options;
    private bool _adopted;

    public QueueHealthCheck(ActorSystem system, IssueRepository issues, HealthMonitorOptions options)
    {
        _system = system;
        _issues = issues;
        _options = options;
    }

    /// <summary>One check: raises what is above its threshold (an occurrence a check), resolves what this node raised and is back under.</summary>
    /// <returns>the issues raised by this check.</returns>
    public async Task<IReadOnlyList<IssueReport>> CheckAsync(DateTime now, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var node = Cluster.Get(_system).SelfAddress.ToString();
            var above = Backlogs(node).Concat(Mailboxes(node)).ToList();
            if (!_adopted)
            {
                foreach (var type in new[] { BacklogIssue, MailboxIssue })
                {
                    var open = await _issues.ListAsync(new IssueFilter(Status: IssueStatus.Open, IssueType: type, Limit: 500), cancellationToken);
                    _raised.UnionWith(open.Where(i => NodeOf(i.Metadata) == node).Select(i => i.Fingerprint));
                }
                _adopted = true;
            }
            foreach (var report in above)
            {
                await _issues.RaiseAsync(report, now, cancellationToken: cancellationToken);
                _raised.Add(report.Fingerprint);
            }
            var stillAbove = above.Select(r => r.Fingerprint).ToHashSet();
            foreach (var fingerprint in _raised.Where(f => !stillAbove.Contains(f)).ToList())
            {
                await _issues.ResolveAsync(fingerprint, "back under its threshold", now, cancellationToken);
                _raised.Remove(fingerprint);
            }
            return above;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private IEnumerable<IssueReport> Backlogs(string node)
    {
        var threshold = _options.BacklogThreshold;
        foreach (var ((stream, kind), total) in InstaIntelMetrics.CurrentBacklog())
        {
            if (total <= threshold) continue;
            yield return new IssueReport(BacklogIssue, stream, IssueSeverity.Warn, $"Backlog of {kind} in {stream} above {threshold}",
                $"{total} {kind} waiting in {stream} on {node} (threshold {threshold}).", $"{kind} on {node}",
                Metadata: new JsonObject { ["node"] = node, ["kind"] = kind, ["backlog"] = total, ["threshold"] = threshold });
        }
    }

    private List<IssueReport> Mailboxes(string node)
    {
        var threshold = _options.MailboxThreshold;
        var budget = ActorTree.MaxNodes;
        var above = new List<IssueReport>();
        foreach (var path in _options.Roots)
        {
            if (ActorTree.Find(_system, path) is not { } root) continue; // e.g. the region before sharding started
            foreach (var actor in Flatten(ActorTree.Describe(root, _options.MailboxDepth, ref budget)))
            {
                if (actor.Mailbox <= threshold) continue;
                above.Add(new IssueReport(MailboxIssue, actor.Path, IssueSeverity.Warn, $"Mailbox of {actor.Path} above {threshold}",
                    $"{actor.Mailbox} messages queued for {actor.Path} ({actor.Type}) on {node} (threshold {threshold}).", $"mailbox on {node}",
                    Metadata: new JsonObject { ["node"] = node, ["actor_type"] = actor.Type, ["mailbox"] = actor.Mailbox, ["threshold"] = threshold }));
            }
        }
        return above;
    }

    private static string? NodeOf(JsonObject? metadata) =>
        metadata?["node"] is JsonValue value && value.TryGetValue<string>(out var node) ? node : null;

    private static IEnumerable<ActorNodeView> Flatten(ActorNodeView node) => node.Children.SelectMany(Flatten).Prepend(node);

    public void Dispose() => _oneAtATime.Dispose();
}
