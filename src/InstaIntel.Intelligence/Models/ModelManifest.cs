using System.Collections.Immutable;
using System.Text.Json;

namespace InstaIntel.Intelligence.Models;

/// <summary>The checked-in list of models (src/InstaIntel.Intelligence/Models/model-manifest.json), embedded in this assembly.</summary>
public sealed record ModelManifest(int Version, ImmutableArray<ModelManifestEntry> Models)
{
    private const string ResourceName = "InstaIntel.Intelligence.model-manifest.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public ModelManifestEntry this[string name] =>
        Models.FirstOrDefault(m => m.Name == name)
        ?? throw new KeyNotFoundException($"no model named '{name}' in the model manifest");

    /// <summary>The manifest that ships with the code.</summary>
    public static ModelManifest Embedded()
    {
        using var stream = typeof(ModelManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} missing");
        return Parse(stream);
    }

    public static ModelManifest Parse(Stream json)
    {
        var document = JsonSerializer.Deserialize<ManifestDocument>(json, Json)
            ?? throw new InvalidDataException("the model manifest is empty");
        var entries = (document.Models ?? []).ToImmutableArray();
        foreach (var entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry.Name) || string.IsNullOrWhiteSpace(entry.File))
                throw new InvalidDataException("every model manifest entry needs a name and a file");
            if (!ModelManifestEntry.IsSha256(entry.Sha256))
                throw new InvalidDataException($"model manifest entry '{entry.Name}' has no valid sha256");
        }
        var duplicate = entries.GroupBy(e => e.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidDataException($"model manifest names '{duplicate.Key}' twice");
        return new ModelManifest(document.Version, entries);
    }

    private sealed record ManifestDocument(int Version, List<ModelManifestEntry>? Models);
}
