
namespace InstaIntel.Testing;

/// <summary>
/// dlib's real photos, unpacked from Debian's libdlib19.1 by scripts/ensure-test-assets.sh into artifacts/test-assets
/// (the simulator's folder; $INSTAINTEL_TEST_ASSETS overrides). Missing photos fail the test, never skip it.
/// </summary>
public static class TestAssets
{
    public static string Root
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("INSTAINTEL_TEST_ASSETS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(RepositoryRoot.Find(), "artifacts", "test-assets");
            if (!File.Exists(Path.Combine(root, "photos", "faces", "bald_guys.jpg")))
                throw new InvalidOperationException($"the real test photos are missing under {root}: run scripts/ensure-test-assets.sh");
            return root;
        }
    }

    public static string Photo(params string[] parts) => Path.Combine([Root, "photos", .. parts]);

    public static string BaldGuys => Photo("faces", "bald_guys.jpg");

    /// <summary>The five Johns, 11 portraits each: (name, file).</summary>
    public static IReadOnlyList<(string Person, string File)> Johns() =>
        Directory.GetDirectories(Photo("johns"))
            .OrderBy(d => d, StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d, "*.jpg").OrderBy(f => f, StringComparer.Ordinal).Select(f => (Path.GetFileName(d), f)))
            .ToList();

    /// <summary>Photos without a face: dogs and cars.</summary>
    public static IReadOnlyList<string> Negatives() =>
        Directory.GetFiles(Photo("objects"), "*.jpg").OrderBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>A DejaVu font from Debian's fonts-dejavu-core (installed by scripts/ensure-test-assets.sh).</summary>
    public static string Font(string file = "DejaVuSans.ttf")
    {
        var path = Path.Combine("/usr/share/fonts/truetype/dejavu", file);
        if (!File.Exists(path))
            throw new InvalidOperationException($"font {path} missing: install fonts-dejavu-core (scripts/ensure-test-assets.sh does)");
        return path;
    }
}

/// <summary>The ONNX models of scripts/ensure-models.sh: the checkout's models/ folder, or $INSTAINTEL_MODELS. Missing is an error, never a skip.</summary>
public static class ModelsFolder
{
    public static string Path =>
        Environment.GetEnvironmentVariable("INSTAINTEL_MODELS") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(RepositoryRoot.Find(), "models");
}
