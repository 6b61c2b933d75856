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
        new(budget.RequestsPerWindow, budget.Window / share, burst);
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
/// </remarks>
public static class PacedRequests
{
    public static Source<T, NotUsed> Crawl<T>(
        Func<CancellationToken, Task<CrawlStep<T>>> next, RequestPacing pacing, int bufferSize, SharedKillSwitch killSwitch, CancellationToken cancellationToken) =>
        Source.Repeat(NotUsed.Instance)
            .Throttle(pacing.Requests, pacing.Per, pacing.Burst, ThrottleMode.Shaping)
            // One step at a time: each needs the cursor the step before it returned.
            .SelectAsync(1, _ => next(cancellationToken))
            .TakeWhile(step => !step.Last, inclusive: true)
            .SelectMany(step => step.Found)
            .Buffer(bufferSize, OverflowStrategy.Backpressure)
            .Via(killSwitch.Flow<T>());
}
