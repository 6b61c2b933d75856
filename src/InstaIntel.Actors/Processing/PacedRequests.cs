using System.Diagnostics;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using InstaIntel.Domain.Budget;

namespace InstaIntel.Actors.Processing;

/// <summary>What one permit of the request throttle bought: the findings of at most one Instagram request, and whether the work is done.</summary>
public sealed record CrawlStep<T>(IReadOnlyList<T> Found, bool Last)
{
    public static CrawlStep<T> Done { get; } = new([], true);
}

/// <summary>The throttle's shape: <see cref="Requests"/> per <see cref="Per"/>, at most <see cref="Burst"/> at once.</summary>
public sealed record RequestPacing(int Requests, TimeSpan Per, int Burst)
{
    /// <summary>The account's budget, paced at <paramref name="share"/> of it (the rest is headroom).</summary>
    public static RequestPacing From(RequestBudgetSettings budget, double share, int burst) =>
        // The margin is room an operator keeps on top (the node keeps 2 s); the requests' own spread is handled by RecentRequests.
        new(budget.RequestsPerWindow, (budget.Window + budget.Margin) / share, burst);
}

/// <summary>
/// A phase's Instagram work as an Akka.Streams graph: the account's request budget as a throttle in front of every
/// request, a bounded buffer with back-pressure between the requests and whoever consumes their findings (the
/// database writes), and the run's kill switch.
/// </summary>
/// <remarks>
/// The throttle gates the requests themselves, not their results: a stream of permits passes the throttle and each
/// permit runs one request (its step waits for one of the in-flight slots, so the next request is ready to start the
/// moment one ends). The plainer <c>Source.UnfoldAsync(cursor, fetch).Throttle(...)</c> shapes pages, while
/// the unfold fetches the next page as soon as the throttle pulls, one request ahead of it: N + 1 requests then fit
/// in less than one window. A phase builds one graph over all its requests, so one throttle paces them all;
/// back-to-back streams would each start with a full bucket and overshoot at the seams.
/// <para>
/// The throttle spaces permits, but a request reaches Instagram when Chromium sends it, not when its permit arrives: one
/// held back lands next to the request after it. So each request also waits, if need be, until the request
/// <see cref="RequestPacing.Requests"/> back has ended and <see cref="RequestPacing.Per"/> has passed since its end:
/// a late request delays those after it instead of bunching them up.
/// </para>
/// </remarks>
public static class PacedRequests
{
    /// <summary>
    /// A crawl, one step per permit: each step needs what the step before it returned (a cursor), so one runs at a
    /// time. Build one per run and materialize it once (it carries the crawl's state).
    /// </summary>
    public static Source<T, NotUsed> Crawl<T>(
        Func<CancellationToken, Task<CrawlStep<T>>> next, RequestPacing pacing, int bufferSize, SharedKillSwitch killSwitch, CancellationToken cancellationToken)
    {
        var recent = new RecentRequests(pacing);
        return Paced(async token =>
        {
            using var turn = await recent.WaitTurnAsync(token);
            return await next(token);
        }, pacing, inFlight: 1, bufferSize, killSwitch, cancellationToken);
    }

    /// <summary>
    /// Runs the requests of <paramref name="work"/> (and those its requests add) as permits come, up to
    /// <paramref name="inFlight"/> at once, and completes when none is left. The findings come out in the order
    /// the requests were taken, so a request's findings come before those of the requests it added.
    /// </summary>
    public static Source<T, NotUsed> Requests<T>(
        PacedWork<T> work, RequestPacing pacing, int inFlight, int bufferSize, SharedKillSwitch killSwitch, CancellationToken cancellationToken)
    {
        var recent = new RecentRequests(pacing);
        return Paced(async token =>
        {
            // The permit is spent on the next request there is; when none is queued but some still run, on what they add.
            if (await work.TakeAsync(token) is not { } request) return CrawlStep<T>.Done;
            try
            {
                using var turn = await recent.WaitTurnAsync(token);
                return new CrawlStep<T>(await request(token), false);
            }
            finally
            {
                work.Finished();
            }
        }, pacing, inFlight, bufferSize, killSwitch, cancellationToken);
    }

    private static Source<T, NotUsed> Paced<T>(
        Func<CancellationToken, Task<CrawlStep<T>>> step, RequestPacing pacing, int inFlight, int bufferSize, SharedKillSwitch killSwitch, CancellationToken cancellationToken)
    {
        var slots = new StepSlots(inFlight);
        return Source.Repeat(NotUsed.Instance)
            .Throttle(pacing.Requests, pacing.Per, pacing.Burst, ThrottleMode.Shaping)
            // One step more than there are slots: the next step waits with its permit, so it starts as a request ends,
            // in that request's continuation, instead of after the result's round trip through the stages.
            .SelectAsync(inFlight + 1, _ => slots.RunAsync(step, cancellationToken))
            .TakeWhile(step => !step.Last, inclusive: true)
            .SelectMany(step => step.Found)
            .Buffer(bufferSize, OverflowStrategy.Backpressure)
            .Via(killSwitch.Flow<T>())
            .WatchTermination((notUsed, terminated) =>
            {
                // Whatever ended the stream (done, killed, a failed write), the step waiting for a slot sends nothing.
                terminated.ContinueWith(_ => slots.Stop(), TaskContinuationOptions.ExecuteSynchronously);
                return notUsed;
            });
    }

    /// <summary>
    /// The steps allowed to run at once. A step waits for a slot before it takes its request; once a step was the last,
    /// failed, or the stream ended, the steps still waiting end without running.
    /// </summary>
    private sealed class StepSlots(int inFlight)
    {
        private readonly SemaphoreSlim _slots = new(inFlight, inFlight);
        private volatile bool _stopped;

        public void Stop() => _stopped = true;

        public async Task<CrawlStep<T>> RunAsync<T>(Func<CancellationToken, Task<CrawlStep<T>>> step, CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken);
            try
            {
                if (_stopped || cancellationToken.IsCancellationRequested) return CrawlStep<T>.Done;
                var result = await step(cancellationToken);
                if (result.Last) _stopped = true;
                return result;
            }
            catch
            {
                _stopped = true;
                throw;
            }
            finally
            {
                _slots.Release();
            }
        }
    }

    /// <summary>
    /// The ends of the last <see cref="RequestPacing.Requests"/> requests. A request reaches Instagram somewhere between
    /// its start and its end (Chromium may hold it back), so only its end bounds its arrival: a request starts once the
    /// request <see cref="RequestPacing.Requests"/> before it has ended and <see cref="RequestPacing.Per"/> has passed
    /// since. Then no two requests that far apart can arrive less than a window apart, however late either landed. The
    /// cost is the request's own duration per window, small next to the window.
    /// </summary>
    private sealed class RecentRequests(RequestPacing pacing)
    {
        private readonly Queue<Task<long>> _ends = new();
        private readonly Lock _lock = new();
        private readonly long _per = (long)Math.Ceiling(pacing.Per.TotalSeconds * Stopwatch.Frequency);

        /// <summary>Waits for this request's turn; dispose the turn when the request has ended (answered or failed).</summary>
        public async Task<Turn> WaitTurnAsync(CancellationToken cancellationToken)
        {
            var turn = new Turn();
            Task<long>? before;
            lock (_lock)
            {
                before = _ends.Count >= pacing.Requests ? _ends.Dequeue() : null;
                _ends.Enqueue(turn.Ended);
            }
            try
            {
                if (before is not null)
                {
                    var due = await before.WaitAsync(cancellationToken) + _per;
                    // Task.Delay counts whole milliseconds and may wake a little early: wait until the moment has passed.
                    while (Stopwatch.GetTimestamp() is var now && now < due)
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(Stopwatch.GetElapsedTime(now, due).TotalMilliseconds)), cancellationToken);
                }
                return turn;
            }
            catch
            {
                turn.Dispose(); // a request that never started ends now, so the one after it is not held forever
                throw;
            }
        }
    }

    /// <summary>One request's place among the recent ones; disposing it records the request's end.</summary>
    private sealed class Turn : IDisposable
    {
        private readonly TaskCompletionSource<long> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<long> Ended => _ended.Task;

        public void Dispose() => _ended.TrySetResult(Stopwatch.GetTimestamp());
    }
}

/// <summary>
/// The requests a paced phase still has to make: some known at the start, others added by the requests before them
/// (the reels after the tray, a story's media after its reel). Each request returns its findings.
/// Thread-safe: requests in flight add to it while permits take from it.
/// </summary>
public sealed class PacedWork<T>
{
    private readonly Queue<Queued> _queued = new();
    private readonly Lock _lock = new();
    private int _running;
    private int _scheduled;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>
    /// Queues a request. <paramref name="wanted"/>, when given, is asked again when the request's turn comes: a request
    /// no longer wanted by then (its batch filled up, its daily cap was reached) is dropped without spending a permit of
    /// the throttle, so the budget goes to requests that reach Instagram.
    /// </summary>
    public void Add(Func<CancellationToken, Task<IReadOnlyList<T>>> request, Func<bool>? wanted = null)
    {
        lock (_lock) _queued.Enqueue(new Queued(request, wanted));
        Signal();
    }

    /// <summary>Queues a request once <paramref name="delay"/> has passed (a page read as a person would scroll); the work is not done before.</summary>
    public void AddAfter(TimeSpan delay, Func<CancellationToken, Task<IReadOnlyList<T>>> request, CancellationToken cancellationToken)
    {
        lock (_lock) _scheduled++;
        _ = Task.Delay(delay, cancellationToken).ContinueWith(delayed =>
        {
            lock (_lock)
            {
                _scheduled--;
                if (!delayed.IsCanceled) _queued.Enqueue(new Queued(request, null));
            }
            Signal();
        }, TaskScheduler.Default);
    }

    /// <summary>The next request, or null when nothing is queued, running or scheduled (the work is done).</summary>
    internal async Task<Func<CancellationToken, Task<IReadOnlyList<T>>>?> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                while (_queued.TryDequeue(out var queued))
                {
                    if (queued.Wanted is { } wanted && !wanted()) continue;
                    _running++;
                    return queued.Request;
                }
                if (_running == 0 && _scheduled == 0) return null;
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A taken request ended (what it added is queued by now).</summary>
    internal void Finished()
    {
        lock (_lock) _running--;
        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    private sealed record Queued(Func<CancellationToken, Task<IReadOnlyList<T>>> Request, Func<bool>? Wanted);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
