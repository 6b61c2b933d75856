using System.Security.Cryptography;

namespace InstaIntel.Storage.Blobs;

/// <summary>Bound from <c>InstaIntel:Blobs</c>.</summary>
public sealed class BlobOptions
{
    public const string Section = "InstaIntel:Blobs";

    /// <summary>Where media bytes live; a relative path is under the working directory. Nodes of a cluster share it (a volume).</summary>
    public string Path { get; set; } = "data/blobs";
}

/// <summary>
/// Content-addressed media storage: the key is the bytes' SHA-256, so storing the same picture twice costs one file
/// and a re-download is recognised. Files are written to a temp name and moved, so a reader never sees half a file.
/// </summary>
public sealed class BlobStore(BlobOptions options)
{
    private readonly string _root = System.IO.Path.GetFullPath(options.Path);

    /// <returns>the key (lowercase hex SHA-256) and whether the bytes were new.</returns>
    public async Task<(string Key, bool Created)> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var path = PathOf(key);
        if (File.Exists(path)) return (key, false);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken); // the caller's bytes as they are: no copy of a large array
        File.Move(temp, path, overwrite: true);
        return (key, true);
    }

    public bool Exists(string key) => File.Exists(PathOf(key));

    public Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken = default) => File.ReadAllBytesAsync(PathOf(key), cancellationToken);

    /// <returns>false when there was nothing to delete.</returns>
    public bool Delete(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    private string PathOf(string key)
    {
        if (key.Length != 64 || !key.All(Uri.IsHexDigit))
            throw new ArgumentException("a blob key is a SHA-256 in hex", nameof(key));
        return System.IO.Path.Combine(_root, key[..2], key[2..4], key);
    }
}
