using InstaIntel.Actors.Accounts;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Operations;
using InstaIntel.Simulator.Faults;
using InstaIntel.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Tests.Accounts;

/// <summary>
/// The real entity and children against the simulator: Instagram failing in the middle of a story sync's stream is a
/// failed run on record (<c>sync_runs</c>, failure count, last error), the entity backs off as configured, and the
/// next run, started by the schedule after the backoff, completes the work with every story stored once.
/// </summary>
public sealed class MidStreamFailureSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string Account = AccountCycleBed.Account;
    private readonly AccountCycleBed _bed;

    public MidStreamFailureSpec() : this(AccountCycleBed.Start(DatabaseEngine.Sqlite)) { }

    private MidStreamFailureSpec(AccountCycleBed bed) : base(bed.Hosted.System) => _bed = bed;

    [Fact]
    public async Task A_server_error_mid_stream_fails_the_run_the_entity_backs_off_and_the_next_run_completes_the_work()
    {
        var network = _bed.Network;
        var now = _bed.Simulator.Clock.GetUtcNow();
        var owners = network.FollowingOf(Account).Where(owner => network.ActiveStoriesOf(owner, now).Count > 0).ToList();
        var expected = owners.SelectMany(owner => network.ActiveStoriesOf(owner, now).Select(s => (owner, s.PkText))).ToHashSet();
        Assert.True(owners.Count >= 4, $"only {owners.Count} followed profiles have stories: the fault would not land mid-stream");
        // The story sync is a new account's first phase: the tray, then one GraphQL reel request per profile. The
        // first two reels are served; the third gets a 500.
        _bed.Simulator.Faults.Add(new FaultRule { Fault = "server_error", PathPrefix = "/graphql/query", Account = Account, Skip = 2, Times = 1 });

        await _bed.EnrolAsync();

        SyncRun? failed = null;
        await Eventually.TrueAsync(async () => (failed = (await _bed.RunsAsync()).Select(r => r.Row).FirstOrDefault(r => r.Status == RunStatus.Failed)) is not null,
            TimeSpan.FromMinutes(2), "the story sync to fail");
        var view = await _bed.ViewAsync();
        Assert.Equal("story_sync", (string?)failed!.StatsJson!["phase"]);
        Assert.StartsWith("TransientException: ", failed.ErrorMessage);
        Assert.Equal(1, view.FailureCount);
        Assert.Equal(failed.ErrorMessage, view.LastError);
        // Backoff for a first failure: the first step plus at most the jitter, counted from when the run failed.
        var backoff = view.RetryAfterAt!.Value - failed.FinishedAt!.Value;
        Assert.InRange(backoff, AccountCycleBed.FirstBackoff - TimeSpan.FromMilliseconds(1), AccountCycleBed.FirstBackoff + AccountCycleBed.BackoffJitter + TimeSpan.FromMilliseconds(1));
        await using (var db = _bed.Factory.Open())
        {
            // The stream stopped part-way: the work is not done.
            Assert.True(await db.InstagramStories.CountAsync() < expected.Count);
        }
        // The projected row says so too (it is written just after the event).
        await Eventually.TrueAsync(async () =>
        {
            await using var db = _bed.Factory.Open();
            var row = await db.InstagramAccounts.SingleAsync(a => a.Username == Account);
            return row.ContinuousProcessingFailureCount == 1 && row.ContinuousProcessingLastError == failed.ErrorMessage
                   && row.ContinuousProcessingRetryAfterAt is not null;
        }, TimeSpan.FromSeconds(30), "the instagram_accounts row to record the failure");
        var faulted = _bed.Simulator.Requests.Where(r => r.Username == Account && r.PathAndQuery.StartsWith("/graphql/query", StringComparison.Ordinal)).Take(3).ToList();
        Assert.Collection(faulted, r => Assert.Null(r.Fault), r => Assert.Null(r.Fault), r => Assert.StartsWith("server_error", r.Fault));

        // The schedule (no "run now") retries the story sync once the backoff is over, and it completes the work.
        SyncRun? retried = null;
        await Eventually.TrueAsync(async () =>
            (retried = (await _bed.RunsAsync()).FirstOrDefault(r => r.Row.Id > failed.Id && r.Phase == "story_sync").Row) is { Status: not RunStatus.Running },
            TimeSpan.FromMinutes(2), "the story sync to run again");
        Assert.Equal(RunStatus.Succeeded, retried!.Status);
        Assert.True(retried.StartedAt >= view.RetryAfterAt, $"the retry started at {retried.StartedAt:O}, inside the backoff (until {view.RetryAfterAt:O})");
        await _bed.PauseAndSettleAsync();

        await using (var db = _bed.Factory.Open())
        {
            var stories = await (from s in db.InstagramStories
                                 join p in db.InstagramProfiles on s.InstagramProfileId equals p.Id
                                 select new { p.Username, s.StoryId, s.MediaBlobKey }).ToListAsync();
            Assert.Equal(expected, stories.Select(s => (s.Username, s.StoryId)).ToHashSet());
            Assert.Equal(expected.Count, stories.Count);
            Assert.All(stories, s => Assert.True(s.MediaBlobKey is not null && _bed.Blobs.Exists(s.MediaBlobKey)));
            Assert.Equal(expected.Count, await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.StoryUploaded));
            Assert.Equal(expected.Count, await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.StoryDownloaded));
        }
        var recovered = await _bed.ViewAsync();
        Assert.Equal(0, recovered.FailureCount);
        Assert.Null(recovered.RetryAfterAt);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Shutdown();
        await _bed.DisposeAsync();
    }
}
