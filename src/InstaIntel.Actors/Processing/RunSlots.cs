namespace InstaIntel.Actors.Processing;

/// <summary>
/// A node-wide bound on the runs of one phase under way at once, shared by every account entity of the node. Entities
/// look at <see cref="HasRoom"/> when they decide (a field read, never a wait) and leave the phase for a later tick when
/// the node is full; the run itself takes its slot with <see cref="TakeAsync"/>, which waits only when two entities
/// decided on the last free slot at the same moment. Without it every account of a node could analyse at once.
/// </summary>
public sealed class RunSlots
{
    private readonly SemaphoreSlim _slots;
    private int _running, _peak;

    /// <param name="capacity">runs at once; 0 or less: one per core.</param>
    public RunSlots(int capacity)
    {
        Capacity = capacity > 0 ? capacity : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    /// <summary>How many runs may be under way at once.</summary>
    public int Capacity { get; }

    /// <summary>Whether a run could start now without waiting.</summary>
    public bool HasRoom => _slots.CurrentCount > 0;

    /// <summary>Runs holding a slot now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The most runs that held a slot at once since the node started.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Waits for a slot; disposing the answer gives it back (once, however often it is disposed).</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        var running = Interlocked.Increment(ref _running);
        for (var peak = Volatile.Read(ref _peak); running > peak; peak = Volatile.Read(ref _peak))
            if (Interlocked.CompareExchange(ref _peak, running, peak) == peak) break;
        return new Slot(this);
    }

    private void Release()
    {
        Interlocked.Decrement(ref _running);
        _slots.Release();
    }

    private sealed class Slot(RunSlots owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release();
        }
    }
}
