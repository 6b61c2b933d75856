namespace InstaIntel.Actors.Persistence;

/// <summary>
/// Runs requests that arrive while an earlier query is in flight as one query: the first request of a quiet moment
/// goes alone, the requests that come in meanwhile wait for it and then go together (up to <c>maxBatch</c>), in the
/// order they came. Nothing waits for a timer, so a lone request is as quick as before and a burst (thousands of
/// accounts recovering at once, a hundred writing) costs a query (a transaction) per batch instead of one per request.
/// </summary>
/// <typeparam name="TRequest">What one caller asks for.</typeparam>
/// <typeparam name="TResult">What that caller gets back.</typeparam>
public sealed class QueryBatcher<TRequest, TResult>
{
    /// <summary>
    /// Runs a batch; answers one outcome per request, in the requests' order. A request that cannot be answered
    /// (a row that does not deserialize) fails alone; a failed query fails the whole batch.
    /// </summary>
    public delegate Task<IReadOnlyList<QueryOutcome<TResult>>> BatchQuery(IReadOnlyList<TRequest> requests, CancellationToken cancellationToken);

    private readonly BatchQuery _query;
    private readonly int _maxBatch;
    private readonly int _maxInFlight;
    private readonly CancellationToken _stopping;
    private readonly object _gate = new();
    private readonly Queue<(TRequest Request, TaskCompletionSource<TResult> Answer)> _waiting = new();
    private int _inFlight;

    /// <param name="maxInFlight">Batches run at once (1 keeps them in order); more than one overlaps a query's round trip with the next batch's work.</param>
    public QueryBatcher(BatchQuery query, int maxBatch, int maxInFlight, CancellationToken stopping)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _query = query;
        _maxBatch = maxBatch;
        _maxInFlight = maxInFlight;
        _stopping = stopping;
    }

    public Task<TResult> RunAsync(TRequest request)
    {
        var answer = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting.Enqueue((request, answer));
            if (_inFlight >= _maxInFlight) return answer.Task;
            _inFlight++;
        }
        // Off the caller's thread: the caller is an actor, which must not run the query.
        _ = Task.Run(DrainAsync);
        return answer.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<(TRequest Request, TaskCompletionSource<TResult> Answer)> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _inFlight--;
                    return;
                }
                batch = new List<(TRequest, TaskCompletionSource<TResult>)>(Math.Min(_waiting.Count, _maxBatch));
                while (batch.Count < _maxBatch && _waiting.TryDequeue(out var next)) batch.Add(next);
            }

            try
            {
                var results = await _query(batch.ConvertAll(b => b.Request), _stopping).ConfigureAwait(false);
                if (results.Count != batch.Count)
                    throw new InvalidOperationException($"A batch query answered {results.Count} results for {batch.Count} requests.");
                for (var i = 0; i < batch.Count; i++)
                {
                    if (results[i].Error is { } error) batch[i].Answer.TrySetException(error);
                    else batch[i].Answer.TrySetResult(results[i].Value);
                }
            }
            catch (Exception e)
            {
                // Each caller sees the failure as its own request's failure, as it would have without batching.
                foreach (var (_, answer) in batch) answer.TrySetException(e);
            }
        }
    }
}

/// <summary>One request's answer in a batch: its value, or the error that fails it alone.</summary>
public readonly record struct QueryOutcome<T>(T Value, Exception? Error)
{
    public static QueryOutcome<T> Of(T value) => new(value, null);
    public static QueryOutcome<T> Failed(Exception error) => new(default!, error);
}
