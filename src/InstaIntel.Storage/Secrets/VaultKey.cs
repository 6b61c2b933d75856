using InstaIntel.Domain.Security;

namespace InstaIntel.Storage.Secrets;

/// <summary>Bound from <c>InstaIntel:Vault</c>: where the key that encrypts secrets at rest comes from.</summary>
public sealed class VaultOptions
{
    public const string Section = "InstaIntel:Vault";

    /// <summary>The key itself, base64 (32 bytes); for clusters, set it from a secret store on every node.</summary>
    public string? Key { get; set; }

    /// <summary>Otherwise a key file, created with 0600 permissions on first start.</summary>
    public string KeyFile { get; set; } = "data/vault.key";
}

/// <summary>Loads (or on first run creates) the vault key and gives the protector built on it.</summary>
public static class VaultKey
{
    public static SecretProtector LoadProtector(VaultOptions options) => new(Load(options));

    public static byte[] Load(VaultOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
            return Decode(options.Key, "InstaIntel:Vault:Key");

        var path = Path.GetFullPath(options.KeyFile);
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                throw new InvalidOperationException($"the vault key file {path} is readable by others; chmod 600 it");
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(SecretProtector.KeySize);
        // Written whole under a temporary name, then moved into place: a concurrent reader never sees a half-written key.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var created = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            created.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temp, created))
            writer.Write(Convert.ToBase64String(key));
        try
        {
            File.Move(temp, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            File.Delete(temp);
            return Decode(File.ReadAllText(path).Trim(), path);
        }
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            if (key.Length != SecretProtector.KeySize)
                throw new InvalidOperationException($"the vault key from {source} is {key.Length} bytes; it must be {SecretProtector.KeySize}");
            return key;
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"the vault key from {source} is not base64");
        }
    }
}
