using System.Collections.Concurrent;

namespace InstaIntel.Simulator.Network;

/// <summary>A memo for lazily generated items that forgets everything when full: regeneration is cheap and exact,
/// so a load run over 100,000 profiles never holds them all.</summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _items = new();

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (_items.TryGetValue(key, out var value))
            return value;
        if (_items.Count >= capacity)
            _items.Clear();
        return _items.GetOrAdd(key, create);
    }
}
