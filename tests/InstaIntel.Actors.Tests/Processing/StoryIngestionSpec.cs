using Akka.Actor;
using InstaIntel.Actors.Processing;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Processing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>The story-ingestion child against the simulator in a real Chromium, on a real SQLite database.</summary>
[Collection(PacedCollection.Name)]
public sealed class StoryIngestionSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private ChildTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ChildTestBed.StartAsync();

    private Akka.Actor.IActorRef Spawn(int batchSize = 1_000) =>
        ChildHarness.Spawn(Sys, StoryIngestionActor.Props(_bed.StoryServices(), new StoryIngestionSettings { BatchSize = batchSize }, _bed.Budget, TimeSpan.FromSeconds(1)),
            AccountWorkers.StoryIngestion, TestActor);

    /// <param name="instagramUserId">as the entity knows it after a session import; without it the run asks Instagram once.</param>
    private PhaseSucceeded Run(Akka.Actor.IActorRef child, string? instagramUserId = null)
    {
        var runId = Guid.NewGuid();
        child.Tell(new StartPhase(runId, Phase.StorySync, "demo_user", instagramUserId, "test"));
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
    public async Task Every_request_of_a_sync_is_paced_so_no_window_exceeds_the_budget_and_the_budget_is_used()
    {
        // A budget the machine can easily keep up with (a request every 250 ms), so what is judged is the pacing:
        // the tray, the reels and every story's media under one throttle, the writes running behind.
        var budget = new RequestBudgetSettings { RequestsPerWindow = PacedBudget.Requests, Window = PacedBudget.Window, Margin = PacedBudget.Margin };
        // The gate lets everything through: the stream alone has to keep the budget.
        await using var bed = await ChildTestBed.StartAsync(network: new Simulator.Network.NetworkOptions
        {
            Seed = 5, Profiles = 400, DemoFollowers = 60, DemoMutuals = 20, DemoFollowingOnly = 40,
        });
        var settings = new StoryIngestionSettings { BatchSize = 1_000, Pacing = new RequestPacingSettings { BudgetShare = PacedBudget.Share } };
        var child = ChildHarness.Spawn(Sys, StoryIngestionActor.Props(bed.StoryServices(), settings, budget, TimeSpan.FromSeconds(1)),
            AccountWorkers.StoryIngestion, TestActor);
        var before = bed.Simulator.Requests.LastOrDefault()?.Sequence ?? 0;

        var stats = Run(child, bed.Simulator.Network.DemoAccount.IdText).Stats;

        // The simulator is this test's alone: every request since the run started is the account's (media requests,
        // like a CDN's, carry no session, so the log names no user for them).
        var requests = bed.Simulator.Requests.Where(r => r.Sequence > before).ToList();
        Assert.Equal(1 + stats["tray_entries"] - stats["skipped_profile_not_connected"] + stats["media_downloaded"], requests.Count);
        BudgetUse.AssertWithinAndUsed(requests, budget);
    }

    public async Task DisposeAsync()
    {
        Shutdown();
        await _bed.DisposeAsync();
    }
}
