using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Cluster;
using InstaIntel.Actors.Analysis;
using InstaIntel.Domain.Observability;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Processing;
using InstaIntel.Node.Health;
using InstaIntel.Storage;
using InstaIntel.Storage.Analysis;
using InstaIntel.Storage.Operations;
using InstaIntel.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Node.Tests.Health;

/// <summary>
/// A node whose periodic checks are off (each test runs them by hand), with small thresholds, watching the account region
/// and <c>/user/health-test</c> (where a test parks an actor that cannot keep up).
/// </summary>
public sealed class HealthNode : IAsyncLifetime
{
    public const string StuckActorName = "health-test";

    public TestDatabase Database { get; private set; } = null!;
    public RunningNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        Node = await RunningNode.StartAsync(Database.Storage, new Dictionary<string, string?>
        {
            ["InstaIntel:Health:Monitor:Enabled"] = "false",
            ["InstaIntel:Health:Monitor:BacklogThreshold"] = "3",
            ["InstaIntel:Health:Monitor:MailboxThreshold"] = "3",
            ["InstaIntel:Health:Monitor:MailboxRoots:0"] = "/system/sharding/account",
            ["InstaIntel:Health:Monitor:MailboxRoots:1"] = $"/user/{StuckActorName}",
            ["InstaIntel:Health:Monitor:AiProbeTimeout"] = "00:00:03",
            // The local provider's probe verifies the models the build fetched (a clean clone has them only there).
            ["InstaIntel:Models:Directory"] = ModelsFolder.Path,
        });
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class QueueAndAiHealthTests(HealthNode fixture) : IClassFixture<HealthNode>
{
    private RunningNode Node => fixture.Node;
    private IssueRepository Issues => Node.Services.GetRequiredService<IssueRepository>();
    private ActorSystem System => Node.Services.GetRequiredService<ActorSystem>();
    private string Self => Cluster.Get(System).SelfAddress.ToString();

    /// <summary>Polls (no fixed waits) until the assertion holds or the deadline passes, then lets the last failure through.</summary>
    private static async Task EventuallyAsync(Func<Task> assertion, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task A_stream_backlog_above_its_threshold_raises_an_issue_that_resolves_when_it_drains()
    {
        var check = Node.Services.GetRequiredService<QueueHealthCheck>();
        var stream = $"story-ingestion-{Guid.NewGuid():N}"[..28];
        var full = new Backlog(StoryPipelines: 5, ActiveStreams: 1);
        InstaIntelMetrics.RecordBacklogChange(stream, Backlog.None, full);
        try
        {
            var raised = await check.CheckAsync(DateTime.UtcNow, CancellationToken.None);

            var report = Assert.Single(raised, r => r.Source == stream);   // 5 story pipelines > 3; one active stream is under it
            Assert.Equal((QueueHealthCheck.BacklogIssue, $"story_pipelines on {Self}"), (report.IssueType, report.Key));
            var issue = await Issues.GetAsync(report.Fingerprint);
            Assert.Equal((IssueStatus.Open, IssueSeverity.Warn, 1), (issue!.Status, issue.Severity, issue.Occurrences));
            Assert.Contains("5 story_pipelines", issue.Details);
            Assert.Equal(Self, issue.Metadata["node"]!.GetValue<string>());

            // Still above at the next check: one more occurrence of the same issue.
            await check.CheckAsync(DateTime.UtcNow, CancellationToken.None);
            Assert.Equal(2, (await Issues.GetAsync(report.Fingerprint))!.Occurrences);

            InstaIntelMetrics.RecordBacklogChange(stream, full, Backlog.None);
            full = Backlog.None;
            Assert.DoesNotContain(await check.CheckAsync(DateTime.UtcNow, CancellationToken.None), r => r.Source == stream);
            var resolved = await Issues.GetAsync(report.Fingerprint);
            Assert.Equal((IssueStatus.Resolved, "back under its threshold"), (resolved!.Status, resolved.ResolutionNotes));
        }
        finally
        {
            InstaIntelMetrics.RecordBacklogChange(stream, full, Backlog.None);
        }
    }

    [Fact]
    public async Task An_actor_whose_mailbox_grows_past_the_threshold_raises_an_issue_resolved_once_it_catches_up()
    {
        var check = Node.Services.GetRequiredService<QueueHealthCheck>();
        var gate = new SemaphoreSlim(0); // not disposed: the actor may still be waiting on it when the test ends
        var stuck = System.ActorOf(Props.Create(() => new StuckActor(gate)), HealthNode.StuckActorName);
        try
        {
            // The first message blocks the actor; at least five more wait in its mailbox (threshold 3).
            for (var i = 0; i < 6; i++) stuck.Tell(i);

            var report = Assert.Single(await check.CheckAsync(DateTime.UtcNow, CancellationToken.None), r => r.IssueType == QueueHealthCheck.MailboxIssue);
            Assert.Equal(($"/user/{HealthNode.StuckActorName}", $"mailbox on {Self}"), (report.Source, report.Key));
            var issue = await Issues.GetAsync(report.Fingerprint);
            Assert.Equal((IssueStatus.Open, IssueSeverity.Warn), (issue!.Status, issue.Severity));
            Assert.Equal(nameof(StuckActor), issue.Metadata["actor_type"]!.GetValue<string>());
            Assert.True(issue.Metadata["mailbox"]!.GetValue<int>() >= 5);

            gate.Release(6);
            await EventuallyAsync(async () =>
                Assert.DoesNotContain(await check.CheckAsync(DateTime.UtcNow, CancellationToken.None), r => r.IssueType == QueueHealthCheck.MailboxIssue));
            Assert.Equal(IssueStatus.Resolved, (await Issues.GetAsync(report.Fingerprint))!.Status);
        }
        finally
        {
            gate.Release(6);
            System.Stop(stuck);
        }
    }

    [Fact]
    public async Task A_queue_issue_a_previous_run_of_this_node_left_open_is_resolved_and_another_nodes_is_not()
    {
        var mine = new IssueReport(QueueHealthCheck.BacklogIssue, "feed-engagement", IssueSeverity.Warn, "left over", null, $"post_pipelines on {Self}",
            Metadata: new JsonObject { ["node"] = Self });
        var theirs = mine with { Key = "post_pipelines on akka.tcp://instaintel@10.0.0.9:4053", Metadata = new JsonObject { ["node"] = "akka.tcp://instaintel@10.0.0.9:4053" } };
        await Issues.RaiseAsync(mine, DateTime.UtcNow);
        await Issues.RaiseAsync(theirs, DateTime.UtcNow);

        // A fresh check, as after a restart of this node.
        using var restarted = new QueueHealthCheck(System, Issues, Node.Services.GetRequiredService<HealthMonitorOptions>());
        await restarted.CheckAsync(DateTime.UtcNow, CancellationToken.None);

        Assert.Equal(IssueStatus.Resolved, (await Issues.GetAsync(mine.Fingerprint))!.Status);
        Assert.Equal(IssueStatus.Open, (await Issues.GetAsync(theirs.Fingerprint))!.Status);
    }

    [Fact]
    public async Task Ai_health_probes_each_enabled_provider_raises_issues_for_failing_ones_and_sets_the_verdict_the_entities_read()
    {
        await using var reachable = new LoopbackEchoServer();
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var settings = Node.Services.GetRequiredService<AiProviderSettingRepository>();
        await settings.UpsertAsync("local", true, 1, null, null);
        await settings.UpsertAsync("openai", true, 2, new JsonObject { ["base_url"] = reachable.BaseAddress.ToString() }, "sk-health-test");
        await settings.UpsertAsync("ollama", true, 3, new JsonObject { ["base_url"] = closed.ToString() }, null);
        await settings.UpsertAsync("mystery", true, 4, null, null);
        await settings.UpsertAsync("switched_off", false, 5, null, null);
        var check = Node.Services.GetRequiredService<AiHealthCheck>();
        var status = Node.Services.GetRequiredService<AiHealthStatus>();

        var (verdict, providers) = await check.CheckAsync(DateTime.UtcNow, CancellationToken.None);

        Assert.Equal(["local", "openai", "ollama", "mystery"], providers.Select(p => p.Provider));
        var byName = providers.ToDictionary(p => p.Provider, p => p.Result);
        Assert.True(byName["local"].Healthy, byName["local"].Detail);      // the models of $INSTAINTEL_MODELS, verified
        Assert.Contains("models verified", byName["local"].Detail);
        Assert.True(byName["openai"].Healthy, byName["openai"].Detail);
        Assert.Contains(reachable.Received, head => head.StartsWith("GET /v1/models ") && head.Contains("Bearer sk-health-test"));
        Assert.False(byName["ollama"].Healthy);
        Assert.Contains("unreachable", byName["ollama"].Detail);
        Assert.Equal("this node has no provider named 'mystery'", byName["mystery"].Detail);
        // The local models serve every purpose: the failing providers are issues, not a reason to stop work.
        Assert.True(verdict.Healthy, verdict.Detail);
        Assert.Same(verdict, status.Current);
        var open = await Issues.ListAsync(new IssueFilter(Status: IssueStatus.Open, IssueType: AiHealthCheck.Issue));
        Assert.Equal(["mystery", "ollama"], open.Select(i => i.Source).Order());
        Assert.All(open, i => Assert.Equal((IssueSeverity.Error, Self), (i.Severity, i.Metadata["node"]!.GetValue<string>())));

        // Without the local provider nothing reads media: the node is AI-unhealthy, and its entities see it.
        await settings.UpsertAsync("local", false, 1, null, null);
        var (without, _) = await check.CheckAsync(DateTime.UtcNow, CancellationToken.None);
        Assert.False(without.Healthy);
        Assert.Equal("no enabled provider serves media_understanding", without.Detail);
        Assert.False(status.Current.Healthy);

        // ollama comes back and local is enabled again: its issue resolves, the verdict is healthy again.
        await settings.UpsertAsync("ollama", true, 3, new JsonObject { ["base_url"] = reachable.BaseAddress.ToString() }, null);
        await settings.UpsertAsync("local", true, 1, null, null);
        var (again, _) = await check.CheckAsync(DateTime.UtcNow, CancellationToken.None);
        Assert.True(again.Healthy, again.Detail);
        Assert.True(status.Current.Healthy);
        Assert.Equal(["mystery"], (await Issues.ListAsync(new IssueFilter(Status: IssueStatus.Open, IssueType: AiHealthCheck.Issue))).Select(i => i.Source));
        var ollama = Assert.Single(await Issues.ListAsync(new IssueFilter(IssueType: AiHealthCheck.Issue, Source: "ollama")));
        Assert.Equal(IssueStatus.Resolved, ollama.Status);
        Assert.StartsWith("healthy again: GET ", ollama.ResolutionNotes);
    }

    /// <summary>Takes its first message and waits on the gate: what an actor that cannot keep up looks like from outside.</summary>
    private sealed class StuckActor : ReceiveActor
    {
        public StuckActor(SemaphoreSlim gate) => ReceiveAny(_ => gate.Wait(TimeSpan.FromSeconds(60)));
    }
}

/// <summary>The monitor as a node runs it: on, checking at start, on a node whose models folder is empty.</summary>
public sealed class HealthMonitorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private RunningNode _node = null!;
    private string _noModels = null!;

    public async Task InitializeAsync()
    {
        _noModels = Directory.CreateTempSubdirectory("instaintel-no-models").FullName;
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        _node = await RunningNode.StartAsync(_database.Storage, new Dictionary<string, string?>
        {
            ["InstaIntel:Health:Monitor:Enabled"] = "true",
            ["InstaIntel:Health:Monitor:Interval"] = "01:00:00",
            ["InstaIntel:Models:Directory"] = _noModels,
        });
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_noModels, recursive: true);
    }

    [Fact]
    public async Task A_node_without_its_models_finds_itself_ai_unhealthy_at_start_and_says_why_in_an_issue()
    {
        var status = _node.Services.GetRequiredService<AiHealthStatus>();
        var issues = _node.Services.GetRequiredService<IssueRepository>();

        // The first check runs when the node starts, not an interval later (the interval here is an hour).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (status.Current.CheckedAt is null && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.False(status.Current.Healthy, status.Current.Detail);
        Assert.StartsWith("no healthy provider for media_understanding (local: model '", status.Current.Detail);
        var issue = Assert.Single(await issues.ListAsync(new IssueFilter(Status: IssueStatus.Open, IssueType: AiHealthCheck.Issue)));
        Assert.Equal(("local", IssueSeverity.Error), (issue.Source, issue.Severity));
        Assert.Contains("scripts/ensure-models.sh", issue.Details);
    }
}
