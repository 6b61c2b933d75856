namespace InstaIntel.Actors.Processing;

/// <summary>The places left in a run's batch of new items; taken by requests that may run at the same time.</summary>
public sealed class BatchSlots(int size)
{
    private int _taken;

    public bool Full => Volatile.Read(ref _taken) >= size;

    /// <returns>false when the batch is full (the item is the next run's).</returns>
    public bool TryTake()
    {
        if (Interlocked.Increment(ref _taken) <= size) return true;
        Interlocked.Decrement(ref _taken);
        return false;
    }
}
