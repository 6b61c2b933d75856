using System.Globalization;

namespace InstaIntel.Cluster.Tests.Harness;

/// <summary>Resident memory of a process and of everything it started (a node's Playwright driver and Chromium), from /proc.</summary>
public static class ProcessMemory
{
    /// <summary>RSS in MiB of the process itself and of all its descendants together.</summary>
    public static (double Own, double Descendants) Of(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc").Select(Path.GetFileName))
        {
            if (!int.TryParse(dir, out var id)) continue;
            try
            {
                var stat = File.ReadAllText($"/proc/{id}/stat");
                parents[id] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException) { }
        }
        bool Descends(int id)
        {
            for (var p = id; parents.TryGetValue(p, out var parent) && p > 1; p = parent)
                if (parent == pid) return true;
            return false;
        }
        return (Rss(pid), parents.Keys.Where(Descends).Sum(Rss));
    }

    private static double Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0; // gone meanwhile
        }
    }
}
