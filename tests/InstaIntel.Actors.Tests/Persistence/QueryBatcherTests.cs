using InstaIntel.Actors.Persistence;

namespace InstaIntel.Actors.Tests.Persistence;

public sealed class QueryBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A read the test holds open until it lets it finish; it answers each request doubled.</summary>
    private sealed class GatedReads
    {
        public readonly List<IReadOnlyList<int>> Batches = [];
        public readonly TaskCompletionSource FirstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Func<int, QueryOutcome<int>> Answer = n => QueryOutcome<int>.Of(n * 2);

        public async Task<IReadOnlyList<QueryOutcome<int>>> ReadAsync(IReadOnlyList<int> requests, CancellationToken _)
        {
            lock (Batches) Batches.Add(requests.ToList());
            FirstStarted.TrySetResult();
            await Release.Task;
            return requests.Select(Answer).ToList();
        }
    }

    [Fact]
    public async Task Requests_made_while_a_read_is_in_flight_go_together_in_the_next_read_and_each_gets_its_own_answer()
    {
        var reads = new GatedReads();
        var batcher = new QueryBatcher<int, int>(reads.ReadAsync, maxBatch: 100, maxInFlight: 1, CancellationToken.None);

        var first = batcher.RunAsync(1);
        await reads.FirstStarted.Task.WaitAsync(Patience);
        var waiting = Enumerable.Range(2, 10).Select(batcher.RunAsync).ToList();
        reads.Release.SetResult();

        Assert.Equal(2, await first.WaitAsync(Patience));
        Assert.Equal(Enumerable.Range(2, 10).Select(n => n * 2), await Task.WhenAll(waiting).WaitAsync(Patience));
        Assert.Equal([[1], Enumerable.Range(2, 10).ToList()], reads.Batches);
    }

    [Fact]
    public async Task A_batch_holds_at_most_max_batch_requests()
    {
        var reads = new GatedReads();
        var batcher = new QueryBatcher<int, int>(reads.ReadAsync, maxBatch: 4, maxInFlight: 1, CancellationToken.None);

        var first = batcher.RunAsync(0);
        await reads.FirstStarted.Task.WaitAsync(Patience);
        var waiting = Enumerable.Range(1, 9).Select(batcher.RunAsync).ToList();
        reads.Release.SetResult();
        await Task.WhenAll(waiting.Append(first)).WaitAsync(Patience);

        Assert.Equal([1, 4, 4, 1], reads.Batches.Select(b => b.Count));
    }

    [Fact]
    public async Task A_request_that_cannot_be_answered_fails_alone()
    {
        var reads = new GatedReads { Answer = n => n == 3 ? QueryOutcome<int>.Failed(new FormatException("row 3 is unreadable")) : QueryOutcome<int>.Of(n * 2) };
        var batcher = new QueryBatcher<int, int>(reads.ReadAsync, maxBatch: 100, maxInFlight: 1, CancellationToken.None);
        var first = batcher.RunAsync(1);
        await reads.FirstStarted.Task.WaitAsync(Patience);
        var two = batcher.RunAsync(2);
        var three = batcher.RunAsync(3);
        var four = batcher.RunAsync(4);
        reads.Release.SetResult();

        Assert.Equal(4, await two.WaitAsync(Patience));
        Assert.Equal(8, await four.WaitAsync(Patience));
        var error = await Assert.ThrowsAsync<FormatException>(() => three.WaitAsync(Patience));
        Assert.Equal("row 3 is unreadable", error.Message);
        Assert.Equal(2, await first);
    }

    [Fact]
    public async Task A_failed_query_fails_its_batch_and_the_next_request_is_read_again()
    {
        var calls = 0;
        var batcher = new QueryBatcher<int, int>(
            (requests, _) => Interlocked.Increment(ref calls) == 1
                ? Task.FromException<IReadOnlyList<QueryOutcome<int>>>(new TimeoutException("database away"))
                : Task.FromResult<IReadOnlyList<QueryOutcome<int>>>(requests.Select(n => QueryOutcome<int>.Of(n + 1)).ToList()),
            maxBatch: 10, maxInFlight: 1, CancellationToken.None);

        await Assert.ThrowsAsync<TimeoutException>(() => batcher.RunAsync(1).WaitAsync(Patience));
        Assert.Equal(6, await batcher.RunAsync(5).WaitAsync(Patience));
    }
}
