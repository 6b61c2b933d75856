using InstaIntel.Intelligence.Models;
using InstaIntel.Testing;

namespace InstaIntel.Intelligence.Tests.Support;

/// <summary>One registry for the whole run (sessions are built once, as on a node), over the checkout's models/ folder.</summary>
public sealed class ModelsFixture : IDisposable
{
    public ModelsFixture()
    {
        Directory = ModelsFolder.Path;
        var missing = ModelManifest.Embedded().Models.Where(m => !File.Exists(Path.Combine(Directory, m.File))).Select(m => m.File).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"models missing under {Directory} ({string.Join(", ", missing)}): run scripts/ensure-models.sh");
        Registry = new ModelRegistry(new ModelOptions { Directory = Directory, IntraOpThreads = 2 });
    }

    public string Directory { get; }

    public ModelRegistry Registry { get; }

    public void Dispose() => Registry.Dispose();
}
