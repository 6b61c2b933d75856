using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace InstaIntel.Actors.Processing;

/// <summary>A run's counters, safe to bump from stream stages running on other threads.</summary>
public sealed class Stats
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string name, int by) => _counts.AddOrUpdate(name, by, (_, n) => n + by);

    public int Get(string name) => _counts.GetValueOrDefault(name);

    public ImmutableDictionary<string, int> ToImmutable() => _counts.ToImmutableDictionary(StringComparer.Ordinal);
}
