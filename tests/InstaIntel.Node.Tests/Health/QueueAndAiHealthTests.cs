using System.Text.Json.Nodes;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Observability;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Processing;
using InstaIntel.Node.Health;
using InstaIntel.Storage;
using InstaIntel.Storage.Operations;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Node.Tests.Health;

/// <summary>A node whose periodic checks are off (each test runs them by hand) and whose backlog threshold is small.</summary>
public sealed class HealthNode : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public RunningNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        Node = await RunningNode.StartAsync(Database.Storage, new Dictionary<string, string?>
        {
            ["InstaIntel:Health:Enabled"] = "false",
            ["InstaIntel:Health:BacklogThreshold"] = "3",
            ["InstaIntel:Health:AiProbeTimeout"] = "00:00:03",
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

    [Fact]
    public async Task A_stream_backlog_above_its_threshold_raises_an_issue_that_resolves_when_it_drains()
    {
        var check = Node.Services.GetRequiredService<QueueHealthCheck>();
        var stream = $"story-ingestion-{Guid.NewGuid():N}"[..28];
        var full = new Backlog(StoryPipelines: 5, ActiveStreams: 1);
        InstaIntelMetrics.RecordBacklogChange(stream, Backlog.None, full);

        var raised = await check.CheckAsync(DateTime.UtcNow, CancellationToken.None);

        var report = Assert.Single(raised, r => r.Source == stream);   // 5 > 3; one active stream is under it
        Assert.Equal((QueueHealthCheck.BacklogIssue, "story_pipelines"), (report.IssueType, report.Key));
        var issue = await Issues.GetAsync(report.Fingerprint);
        Assert.Equal((IssueStatus.Open, IssueSeverity.Warn), (issue!.Status, issue.Severity));
        Assert.Contains("5 story_pipelines", issue.Details);

        InstaIntelMetrics.RecordBacklogChange(stream, full, Backlog.None);
        Assert.DoesNotContain(await check.CheckAsync(DateTime.UtcNow, CancellationToken.None), r => r.Source == stream);
        var resolved = await Issues.GetAsync(report.Fingerprint);
        Assert.Equal(IssueStatus.Resolved, resolved!.Status);
    }

    [Fact]
    public async Task An_unreachable_ai_provider_raises_ai_unhealthy_and_a_reachable_one_does_not()
    {
        await using var local = new LoopbackEchoServer();
        var unreachable = new Uri($"http://127.0.0.1:{FreePort.Next()}/v1");
        await using (var db = fixture.Database.Factory().Open())
        {
            var now = DateTime.UtcNow;
            await db.InsertAsync(new AiProviderSetting { Provider = "local", Enabled = true, Priority = 1, Config = new JsonObject { ["base_url"] = local.BaseAddress.ToString() }, CreatedAt = now, UpdatedAt = now });
            await db.InsertAsync(new AiProviderSetting { Provider = "remote", Enabled = true, Priority = 2, Config = new JsonObject { ["base_url"] = unreachable.ToString() }, CreatedAt = now, UpdatedAt = now });
            await db.InsertAsync(new AiProviderSetting { Provider = "switched_off", Enabled = false, Priority = 3, CreatedAt = now, UpdatedAt = now });
        }
        var check = Node.Services.GetRequiredService<AiHealthCheck>();

        var results = await check.CheckAsync(DateTime.UtcNow, CancellationToken.None);

        Assert.Equal(["local", "remote"], results.Select(r => r.Provider));
        Assert.True(results[0].Result.Healthy, results[0].Result.Detail);
        Assert.False(results[1].Result.Healthy);
        Assert.Contains("unreachable", results[1].Result.Detail);
        Assert.NotEmpty(local.Received);
        var issue = Assert.Single(await Issues.ListAsync(new IssueFilter(Status: IssueStatus.Open, IssueType: AiHealthCheck.Issue)));
        Assert.Equal(("remote", IssueSeverity.Error), (issue.Source, issue.Severity));

        // The provider comes back: its issue resolves.
        await using (var db = fixture.Database.Factory().Open())
            await db.AiProviderSettings.Where(s => s.Provider == "remote").Set(s => s.Config, new JsonObject { ["base_url"] = local.BaseAddress.ToString() }).UpdateAsync();
        Assert.All(await check.CheckAsync(DateTime.UtcNow, CancellationToken.None), r => Assert.True(r.Result.Healthy));
        Assert.Empty(await Issues.ListAsync(new IssueFilter(Status: IssueStatus.Open, IssueType: AiHealthCheck.Issue)));
        Assert.Equal(IssueStatus.Resolved, (await Issues.GetAsync(issue.Id))!.Status);
    }
}
