namespace InstaIntel.Simulator.Recording;

/// <summary>Every request served, oldest first, bounded (the oldest are dropped past the capacity).</summary>
public sealed class RequestLog(int capacity)
{
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly Lock _lock = new();
    private long _sequence;

    public long TotalRecorded => Interlocked.Read(ref _sequence);

    internal void Add(Func<long, RecordedRequest> create)
    {
        lock (_lock)
        {
            var record = create(++_sequence);
            _requests.Enqueue(record);
            while (_requests.Count > capacity)
                _requests.Dequeue();
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_lock)
            return [.. _requests];
    }

    public void Clear()
    {
        lock (_lock)
            _requests.Clear();
    }
}
