using Akka.Actor;
using InstaIntel.Actors.Processing;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Processing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>The story-ingestion child against the simulator in a real Chromium, on a real SQLite database.</summary>
public sealed class StoryIngestionSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private ChildTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ChildTestBed.StartAsync();

    private Akka.Actor.IActorRef Spawn(int batchSize = 1_000) =>
        ChildHarness.Spawn(Sys, StoryIngestionActor.Props(_bed.StoryServices(), new StoryIngestionSettings { BatchSize = batchSize }, _bed.Budget, TimeSpan.FromSeconds(1)),
            AccountWorkers.StoryIngestion, TestActor);

    private PhaseSucceeded Run(Akka.Actor.IActorRef child)
    {
        var runId = Guid.NewGuid();
        child.Tell(new StartPhase(runId, Phase.StorySync, "demo_user", null, "test"));
        var done = FishForMessage<IPhaseMessage>(m => m is PhaseSucceeded or PhaseFailed, TimeSpan.FromSeconds(120));
        var succeeded = Assert.IsType<PhaseSucceeded>(done);
        Assert.Equal(runId, succeeded.RunId);
        return succeeded;
    }

    [Fact]
    public async Task A_story_sync_stores_every_live_story_of_the_tray_once_with_its_media_and_events()
    {
        var network = _bed.Simulator.Network;
        var now = _bed.Simulator.Clock.GetUtcNow();
        var expected = network.FollowingOf("demo_user")
            .SelectMany(owner => network.ActiveStoriesOf(owner, now).Select(s => (Owner: owner, Story: s.PkText)))
            .ToHashSet();
        Assert.NotEmpty(expected);

        var child = Spawn();
        var first = Run(child);
        Assert.Equal(expected.Count, first.Stats["stories_new"]);

        await using var db = _bed.Database.Factory().Open();
        var stored = await (from s in db.InstagramStories
                            join p in db.InstagramProfiles on s.InstagramProfileId equals p.Id
                            select new { p.Username, s.StoryId, s.MediaBlobKey, s.MediaByteSize, s.SourceEventId }).ToListAsync();
        Assert.Equal(expected, stored.Select(s => (s.Username, s.StoryId)).ToHashSet());
        Assert.All(stored, s =>
        {
            Assert.NotNull(s.MediaBlobKey);
            Assert.True(_bed.Blobs.Exists(s.MediaBlobKey!));
            Assert.NotNull(s.SourceEventId);
        });
        var uploaded = await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.StoryUploaded);
        var downloaded = await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.StoryDownloaded);
        Assert.Equal(expected.Count, uploaded);
        Assert.Equal(expected.Count, downloaded);

        // A second run finds nothing new and adds no row.
        var second = Run(child);
        Assert.Equal(0, second.Stats.GetValueOrDefault("stories_new"));
        Assert.Equal(expected.Count, await db.InstagramStories.CountAsync());
        Assert.Equal(expected.Count, await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.StoryUploaded));
    }

    [Fact]
    public async Task A_batch_limit_leaves_the_rest_for_the_next_run_which_completes_the_work()
    {
        var child = Spawn(batchSize: 3);
        Assert.Equal(3, Run(child).Stats["stories_new"]);
        await using var db = _bed.Database.Factory().Open();
        Assert.Equal(3, await db.InstagramStories.CountAsync());
        var total = 3;
        for (var i = 0; i < 50 && Run(child).Stats.GetValueOrDefault("stories_new") is var added && added > 0; i++)
            total += added;
        Assert.Equal(total, await db.InstagramStories.CountAsync());
        Assert.True(total > 3);
    }

    [Fact]
    public void A_refused_session_fails_the_run_as_an_authentication_failure()
    {
        _bed.Simulator.Sessions.ExpireSessionsOf("demo_user");
        var child = Spawn();
        child.Tell(new StartPhase(Guid.NewGuid(), Phase.StorySync, "demo_user", null, "test"));
        var failed = FishForMessage<IPhaseMessage>(m => m is PhaseFailed or PhaseSucceeded, TimeSpan.FromSeconds(60));
        Assert.True(Assert.IsType<PhaseFailed>(failed).Authentication);
    }

    [Fact]
    public void The_budget_throttles_the_sync_so_no_window_at_the_simulator_holds_more_than_the_budget()
    {
        // Replace the bed's generous gate with a tight budget by building a bed with it.
        // Tighter than the round trips, as real budgets are (60 in 5 minutes), so the budget is what limits the sync.
        var budget = new RequestBudgetSettings { RequestsPerWindow = 4, Window = TimeSpan.FromSeconds(4), Margin = TimeSpan.FromMilliseconds(300) };
        var tight = ChildTestBed.StartAsync(budget).GetAwaiter().GetResult();
        try
        {
            var child = ChildHarness.Spawn(Sys, StoryIngestionActor.Props(tight.StoryServices(), new StoryIngestionSettings { BatchSize = 1_000 }, budget, TimeSpan.FromSeconds(1)),
                AccountWorkers.StoryIngestion, TestActor);
            var started = _bed.Simulator.Clock.GetUtcNow();
            child.Tell(new StartPhase(Guid.NewGuid(), Phase.StorySync, "demo_user", null, "test"));
            FishForMessage<IPhaseMessage>(m => m is PhaseSucceeded, TimeSpan.FromSeconds(180));

            var times = tight.Simulator.Requests
                .Where(r => r.Username == "demo_user" && r.Time >= started && !r.PathAndQuery.StartsWith("/accounts/login", StringComparison.Ordinal))
                .Select(r => r.Time).Order().ToList();
            Assert.True(times.Count > 10, $"only {times.Count} requests");
            for (var i = 0; i < times.Count; i++)
            {
                var inWindow = times.Count(t => t >= times[i] && t < times[i] + budget.Window);
                Assert.True(inWindow <= budget.RequestsPerWindow, $"{inWindow} requests in the window starting {times[i]:O}");
            }
        }
        finally
        {
            tight.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public async Task DisposeAsync()
    {
        Shutdown();
        await _bed.DisposeAsync();
    }
}
