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
        // The margin covers the network: requests that leave a window apart must also arrive a window apart.
        new(budget.RequestsPerWindow, (budget.Window + budget.Margin) / share, burst);
}

/// <summary>
/// A phase's Instagram work as an Akka.Streams graph: the account's request budget as a throttle in front of every
/// request, a bounded buffer with back-pressure between the requests and whoever consumes their findings (the
/// database writes), and the run's kill switch.
/// </summary>
/// <remarks>
/// The throttle gates the requests themselves, not their results: a stream of permits passes the throttle and each
/// permit runs one step of the crawl (one request, with the cursor the previous step returned). The plainer
/// <c>Source.UnfoldAsync(cursor, fetch).Throttle(...)</c> shapes pages, while the unfold fetches the next page as
/// soon as the throttle pulls, one request ahead of it: N + 1 requests then fit in less than one window. A phase
/// builds one crawl over all its requests, so one throttle paces them all; back-to-back streams would each start
/// with a full bucket and overshoot at the seams.
/// <para>
/// The throttle spaces permits, and a request starts when its permit arrives, unless the thread pool or the step
/// before it is late; the next permit then comes on time and the two requests land closer than the pace. So each
/// step also waits, if need be, until the request <see cref="RequestPacing.Requests"/> starts back is
/// <see cref="RequestPacing.Per"/> old: a late request delays those after it instead of bunching them up.
/// </para>
/// </remarks>
public static class PacedRequests
{
    /// <summary>The crawl as a source; build one per run and materialize it once (it carries the crawl's state).</summary>
    public static Source<T, NotUsed> Crawl<T>(
        Func<CancellationToken, Task<CrawlStep<T>>> next, RequestPacing pacing, int bufferSize, SharedKillSwitch killSwitch, CancellationToken cancellationToken) =>
        Source.Repeat(NotUsed.Instance)
            .Throttle(pacing.Requests, pacing.Per, pacing.Burst, ThrottleMode.Shaping)
            // One step at a time: each needs the cursor the step before it returned.
            .SelectAsync(1, new RecentStarts(pacing).Before(next, cancellationToken))
            .TakeWhile(step => !step.Last, inclusive: true)
            .SelectMany(step => step.Found)
            .Buffer(bufferSize, OverflowStrategy.Backpressure)
            .Via(killSwitch.Flow<T>());

    /// <summary>The start times of the crawl's last few steps; one per crawl, used by one step at a time.</summary>
    private sealed class RecentStarts(RequestPacing pacing)
    {
        private readonly Queue<long> _starts = new();

        public Func<NotUsed, Task<CrawlStep<T>>> Before<T>(Func<CancellationToken, Task<CrawlStep<T>>> next, CancellationToken cancellationToken) =>
            async _ =>
            {
                if (_starts.Count >= pacing.Requests)
                {
                    var wait = pacing.Per - Stopwatch.GetElapsedTime(_starts.Dequeue());
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
                }
                _starts.Enqueue(Stopwatch.GetTimestamp());
                return await next(cancellationToken);
            };
    }
}
