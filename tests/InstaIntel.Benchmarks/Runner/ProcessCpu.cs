namespace InstaIntel.Benchmarks.Runner;

/// <summary>CPU seconds used so far by every process of a name (from /proc): Chromium works outside this process.</summary>
public static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static double SecondsOf(string name)
    {
        var total = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < 0 || !stat[(open + 1)..close].Contains(name, StringComparison.Ordinal)) continue;
                var fields = stat[(close + 2)..].Split(' ');
                // After the name: state is field 3, utime 14 and stime 15 (1-based over the whole line).
                total += (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while we read it.
            }
        }
        return total;
    }

    /// <summary>
    /// CPU seconds used so far by the processes started under this one (Playwright's node driver, the Chromium it
    /// starts), summed by process name: unlike <see cref="SecondsOf"/>, other people's Chromiums on the machine are not counted.
    /// </summary>
    public static IReadOnlyDictionary<string, double> OfDescendants()
    {
        var stats = new Dictionary<int, (int Parent, string Name, double Seconds)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                // After the name: ppid is field 4, utime 14 and stime 15 (1-based over the whole line).
                stats[pid] = (int.Parse(fields[1]), stat[(open + 1)..close], (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process ended while we read it.
            }
        }
        var self = Environment.ProcessId;
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (pid, (_, name, seconds)) in stats)
        {
            var ancestor = pid;
            for (var depth = 0; depth < 16 && stats.TryGetValue(ancestor, out var s) && ancestor != self; depth++) ancestor = s.Parent;
            if (ancestor != self || pid == self) continue;
            // Playwright's node driver names its process after its main thread.
            var group = name.StartsWith("chrom", StringComparison.Ordinal) ? "chromium" : name is "node" or "MainThread" ? "playwright_driver" : name;
            sums[group] = sums.GetValueOrDefault(group) + seconds;
        }
        return sums;
    }
}
