namespace InstaIntel.Testing;

/// <summary>Finds the checkout (the folder holding build.sh) and the shared folder beside it.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "build.sh")) && File.Exists(Path.Combine(folder.FullName, "InstaIntel.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"no InstaIntel checkout above {AppContext.BaseDirectory}");
    }
}
