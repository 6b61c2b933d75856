namespace InstaIntel.Simulator.Media;

/// <summary>
/// The photos and clips scripts/ensure-test-assets.sh writes, found and checked at start-up. Missing or incomplete
/// assets stop the simulator with a message saying what to run: it never serves made-up bytes instead.
/// </summary>
public sealed class TestAssets
{
    public const string EnvironmentVariable = "INSTAINTEL_TEST_ASSETS";
    private const string DefaultRelativePath = "artifacts/test-assets";

    private TestAssets(string root, IReadOnlyList<AssetPerson> people, IReadOnlyList<string> groupPhotos, IReadOnlyList<string> objectPhotos, IReadOnlyList<string> clips)
    {
        Root = root;
        People = people;
        GroupPhotos = groupPhotos;
        ObjectPhotos = objectPhotos;
        Clips = clips;
    }

    public string Root { get; }

    /// <summary>dlib's "johns": one folder of portraits per person, in name order.</summary>
    public IReadOnlyList<AssetPerson> People { get; }

    /// <summary>Photos with several faces (dlib's faces/*.jpg).</summary>
    public IReadOnlyList<string> GroupPhotos { get; }

    /// <summary>Photos without faces (dogs, cars).</summary>
    public IReadOnlyList<string> ObjectPhotos { get; }

    /// <summary>The 3-second MP4 clips.</summary>
    public IReadOnlyList<string> Clips { get; }

    /// <summary>Finds the assets folder: the configured path, else $INSTAINTEL_TEST_ASSETS, else the first
    /// artifacts/test-assets above the binary or the working directory.</summary>
    public static TestAssets Load(string? configuredPath)
    {
        var root = configuredPath ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? Search();
        if (root is null)
            throw Missing($"no {DefaultRelativePath} folder above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}");
        root = Path.GetFullPath(root);
        if (!File.Exists(Path.Combine(root, "manifest.txt")))
            throw Missing($"{root} has no manifest.txt (the script writes it last, so the folder is absent or incomplete)");

        var johns = Path.Combine(root, "photos", "johns");
        var people = Directory.Exists(johns)
            ? Directory.GetDirectories(johns).Order(StringComparer.Ordinal)
                .Select(folder => new AssetPerson(Path.GetFileName(folder), Jpegs(folder)))
                .Where(person => person.Photos.Count > 0)
                .ToArray()
            : [];
        var groups = Jpegs(Path.Combine(root, "photos", "faces"));
        var objects = Jpegs(Path.Combine(root, "photos", "objects"));
        var clipsFolder = Path.Combine(root, "videos");
        var clips = Directory.Exists(clipsFolder) ? Directory.GetFiles(clipsFolder, "*.mp4").Order(StringComparer.Ordinal).ToArray() : [];
        if (people.Length == 0 || groups.Count == 0 || objects.Count == 0 || clips.Length == 0)
            throw Missing($"{root} lacks portraits ({people.Length} people), group photos ({groups.Count}), object photos ({objects.Count}) or clips ({clips.Length})");
        return new TestAssets(root, people, groups, objects, clips);
    }

    private static IReadOnlyList<string> Jpegs(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).ToArray() : [];

    private static string? Search()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, DefaultRelativePath);
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }

    private static InvalidOperationException Missing(string why) =>
        new($"Simulator test assets are missing: {why}. Run scripts/ensure-test-assets.sh (it installs ffmpeg and " +
            $"fonts-dejavu-core when missing and writes {DefaultRelativePath}/), or point Simulator:AssetsPath or " +
            $"${EnvironmentVariable} at such a folder.");
}

/// <summary>One person of the portrait set and their photos.</summary>
public sealed record AssetPerson(string Name, IReadOnlyList<string> Photos);
