using InstaIntel.Storage.Secrets;

namespace InstaIntel.Storage.Tests.Secrets;

public sealed class VaultKeyTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("instaintel-vault-");

    [Fact]
    public void First_start_creates_a_key_file_only_the_owner_can_read_and_later_starts_reuse_it()
    {
        var options = new VaultOptions { KeyFile = Path.Combine(_folder.FullName, "nested", "vault.key") };
        var first = VaultKey.Load(options);
        Assert.Equal(32, first.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(options.KeyFile));
        Assert.Equal(first, VaultKey.Load(options));
    }

    [Fact]
    public void A_key_file_readable_by_others_is_refused()
    {
        var path = Path.Combine(_folder.FullName, "vault.key");
        File.WriteAllText(path, Convert.ToBase64String(new byte[32]));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var error = Assert.Throws<InvalidOperationException>(() => VaultKey.Load(new VaultOptions { KeyFile = path }));
        Assert.Contains("chmod 600", error.Message);
    }

    [Fact]
    public void A_configured_key_wins_and_a_malformed_one_is_a_clear_error()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        Assert.Equal(31, VaultKey.Load(new VaultOptions { Key = key, KeyFile = "/nonexistent/never-created" })[31]);
        Assert.Contains("not base64", Assert.Throws<InvalidOperationException>(() => VaultKey.Load(new VaultOptions { Key = "%%%" })).Message);
        Assert.Contains("must be 32", Assert.Throws<InvalidOperationException>(() => VaultKey.Load(new VaultOptions { Key = Convert.ToBase64String(new byte[8]) })).Message);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
