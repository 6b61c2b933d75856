using System.Diagnostics;

namespace InstaIntel.Benchmarks.Runner;

/// <summary>
/// The runtime's own counters, read in-process around a measured section: CPU time against wall time (is the
/// section CPU-bound on this machine's cores?), GC count and pause, allocation, lock contention and the thread pool.
/// The same figures dotnet-counters shows for System.Runtime, taken exactly over the section.
/// </summary>
public sealed class RuntimeCounters
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
    private readonly long _allocated = GC.GetTotalAllocatedBytes();
    private readonly long _contention = Monitor.LockContentionCount;
    private readonly long _workItems = ThreadPool.CompletedWorkItemCount;
    private readonly Timer _sampler;
    private long _maxQueue;
    private int _maxThreads;

    private RuntimeCounters()
    {
        // The queue length and thread count are levels, not totals: sample their peak.
        _sampler = new Timer(_ =>
        {
            InterlockedMax(ref _maxQueue, ThreadPool.PendingWorkItemCount);
            var threads = ThreadPool.ThreadCount;
            if (threads > Volatile.Read(ref _maxThreads)) Volatile.Write(ref _maxThreads, threads);
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public static RuntimeCounters Start() => new();

    /// <summary>The figures since <see cref="Start"/>; cpu_utilisation is CPU time over (wall time x cores).</summary>
    public IReadOnlyDictionary<string, double> Stop()
    {
        _sampler.Dispose();
        var wall = Stopwatch.GetElapsedTime(_started);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpu;
        var pause = GC.GetTotalPauseDuration() - _pause;
        return new Dictionary<string, double>
        {
            ["wall_s"] = Math.Round(wall.TotalSeconds, 2),
            ["cpu_s"] = Math.Round(cpu.TotalSeconds, 2),
            ["cpu_utilisation"] = Math.Round(cpu.TotalSeconds / (wall.TotalSeconds * Environment.ProcessorCount), 3),
            ["gc_gen0"] = GC.CollectionCount(0) - _collections[0],
            ["gc_gen1"] = GC.CollectionCount(1) - _collections[1],
            ["gc_gen2"] = GC.CollectionCount(2) - _collections[2],
            ["gc_pause_share"] = Math.Round(pause.TotalSeconds / wall.TotalSeconds, 4),
            ["allocated_mb"] = Math.Round((GC.GetTotalAllocatedBytes() - _allocated) / 1048576.0, 1),
            ["lock_contentions"] = Monitor.LockContentionCount - _contention,
            ["threadpool_items"] = ThreadPool.CompletedWorkItemCount - _workItems,
            ["threadpool_queue_peak"] = Interlocked.Read(ref _maxQueue),
            ["threadpool_threads_peak"] = _maxThreads,
        };
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
