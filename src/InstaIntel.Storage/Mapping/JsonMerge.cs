using System.Text.Json;

namespace InstaIntel.Storage.Mapping;

/// <summary>Merges JSON metadata the way the seed's writers do: the update's top-level keys over the existing ones.</summary>
public static class JsonMerge
{
    /// <summary>
    /// Keys the update sets replace the existing ones whole; keys it leaves out (null) are kept, as are keys
    /// neither side declares. Nested objects are replaced, not merged.
    /// </summary>
    public static T? Shallow<T>(T? existing, T? update) where T : class
    {
        if (existing is null) return update;
        if (update is null) return existing;
        var merged = JsonSerializer.SerializeToNode(existing, JsonColumns.Options)!.AsObject();
        foreach (var (key, value) in JsonSerializer.SerializeToNode(update, JsonColumns.Options)!.AsObject())
            merged[key] = value?.DeepClone();
        return merged.Deserialize<T>(JsonColumns.Options);
    }
}
