using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using InstaIntel.Actors.Processing;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// <see cref="PacedRequests"/> and <see cref="PacedWork{T}"/>: which requests spend a permit of the throttle. The
/// throttle here grants three permits at once and the fourth an hour later, so whether a run completes shows how many
/// permits it spent, without judging any timing.
/// </summary>
public sealed class PacedRequestsSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly RequestPacing ThreeAnHour = new(3, TimeSpan.FromHours(1), Burst: 3);

    [Fact]
    public async Task A_request_no_longer_wanted_when_its_turn_comes_is_dropped_without_spending_a_permit()
    {
        var work = new PacedWork<string>();
        var batchFull = false;
        var sent = new List<string>();
        work.Add(_ => Send("first"));
        work.Add(_ => Send("dropped"), wanted: () => !batchFull);
        work.Add(_ => Send("second"));
        batchFull = true; // the batch fills up before the guarded request's turn

        // first + second + the permit that finds nothing left = the three permits there are now.
        var found = await Run(work).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["first", "second"], found);
        Assert.Equal(["first", "second"], sent);

        Task<IReadOnlyList<string>> Send(string name)
        {
            lock (sent) sent.Add(name);
            return Task.FromResult<IReadOnlyList<string>>([name]);
        }
    }

    [Fact]
    public async Task A_guarded_request_still_wanted_runs_in_its_turn()
    {
        var work = new PacedWork<string>();
        work.Add(_ => Task.FromResult<IReadOnlyList<string>>(["reel"]), wanted: () => true);
        work.Add(_ => Task.FromResult<IReadOnlyList<string>>(["media"]));

        Assert.Equal(["reel", "media"], await Run(work).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Requests_added_by_a_request_run_after_it_and_a_dropped_one_adds_nothing()
    {
        var work = new PacedWork<string>();
        var wanted = true;
        work.Add(_ =>
        {
            work.Add(_ => Task.FromResult<IReadOnlyList<string>>(["media of reel 1"]));
            wanted = false; // reel 1 filled the batch: reel 2 is the next run's
            return Task.FromResult<IReadOnlyList<string>>(["reel 1"]);
        });
        work.Add(_ =>
        {
            work.Add(_ => Task.FromResult<IReadOnlyList<string>>(["media of reel 2"]));
            return Task.FromResult<IReadOnlyList<string>>(["reel 2"]);
        }, wanted: () => wanted);

        Assert.Equal(["reel 1", "media of reel 1"], await Run(work).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_request_waits_for_the_request_a_budget_back_to_end_not_only_to_start()
    {
        // One request per 50 ms and two in flight: by start times alone the second would go 50 ms after the first,
        // while the first may still be on its way to Instagram and land next to it.
        var onePer50Ms = new RequestPacing(1, TimeSpan.FromMilliseconds(50), Burst: 1);
        var firstMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = new PacedWork<string>();
        work.Add(async _ =>
        {
            TestActor.Tell("first started", ActorRefs.NoSender);
            await firstMayEnd.Task;
            return ["first"];
        });
        work.Add(_ =>
        {
            TestActor.Tell("second started", ActorRefs.NoSender);
            return Task.FromResult<IReadOnlyList<string>>(["second"]);
        });

        var killSwitch = KillSwitches.Shared("paced-requests-spec-end");
        var run = PacedRequests.Requests(work, onePer50Ms, inFlight: 2, bufferSize: 4, killSwitch, CancellationToken.None)
            .RunWith(Sink.Seq<string>(), Sys.Materializer());

        await ExpectMsgAsync("first started");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500)); // ten paces, and the first has not ended
        firstMayEnd.SetResult();
        await ExpectMsgAsync("second started");
        Assert.Equal(["first", "second"], await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_crawl_asks_for_no_step_after_its_last_though_the_next_permit_is_already_taken()
    {
        // Permits are plenty (three at once): the step after the last waits with its permit and must not run.
        var steps = 0;
        var found = await PacedRequests.Crawl(async _ =>
            {
                Interlocked.Increment(ref steps);
                await Task.Delay(100); // in flight while the next permit comes
                return new CrawlStep<string>(["only page"], Last: true);
            }, ThreeAnHour, bufferSize: 4, KillSwitches.Shared("paced-requests-spec-crawl"), CancellationToken.None)
            .RunWith(Sink.Seq<string>(), Sys.Materializer())
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["only page"], found);
        await Task.Delay(200); // a step that slipped through would run now
        Assert.Equal(1, steps);
    }

    [Fact]
    public async Task After_a_request_fails_the_queued_ones_are_not_sent()
    {
        var work = new PacedWork<string>();
        var sent = new List<string>();
        work.Add(async _ =>
        {
            await Task.Delay(100); // in flight while the next permit comes
            throw new InvalidOperationException("refused");
        });
        work.Add(_ =>
        {
            lock (sent) sent.Add("second");
            return Task.FromResult<IReadOnlyList<string>>(["second"]);
        });

        var run = PacedRequests.Requests(work, ThreeAnHour, inFlight: 1, bufferSize: 4, KillSwitches.Shared("paced-requests-spec-fail"), CancellationToken.None)
            .RunWith(Sink.Seq<string>(), Sys.Materializer());
        var failed = await Assert.ThrowsAnyAsync<Exception>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("refused", failed.ToString());
        await Task.Delay(200); // a step that slipped through would run now
        Assert.Empty(sent);
    }

    private Task<IReadOnlyList<string>> Run(PacedWork<string> work)
    {
        var killSwitch = KillSwitches.Shared("paced-requests-spec");
        return PacedRequests.Requests(work, ThreeAnHour, inFlight: 1, bufferSize: 4, killSwitch, CancellationToken.None)
            .RunWith(Sink.Seq<string>(), Sys.Materializer())
            .ContinueWith(t => (IReadOnlyList<string>)t.Result.ToList(), TaskScheduler.Default);
    }
}
