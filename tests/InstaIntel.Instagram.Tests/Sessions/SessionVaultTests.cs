using System.Security.Cryptography;
using InstaIntel.Domain.Security;
using InstaIntel.Instagram.Sessions;

namespace InstaIntel.Instagram.Tests.Sessions;

public sealed class SessionVaultTests
{
    private readonly SessionVault _vault = new(new SecretProtector(RandomNumberGenerator.GetBytes(32)));

    private static readonly SessionBundle Bundle = new(
        [new SessionCookie("sessionid", "very-secret-session", ".instagram.com"), new SessionCookie("csrftoken", "csrf-secret", ".instagram.com")],
        [new StorageEntry("k", "local-secret")],
        [new StorageEntry("www-claim-v2", "claim-secret")],
        "UA/3",
        null,
        new ProxySettings("http://127.0.0.1:3128", "proxyuser", "proxy-secret"));

    [Fact]
    public void A_protected_session_holds_no_secret_in_clear_and_reads_back_whole()
    {
        var stored = _vault.Protect("alice", Bundle, DateTime.UtcNow);
        var everything = string.Join("|", stored.CookiesJson, stored.LocalStorageJson, stored.SessionStorageJson, stored.AuthSnapshotJson);
        foreach (var secret in new[] { "very-secret-session", "csrf-secret", "local-secret", "claim-secret", "proxy-secret", "sessionid" })
            Assert.DoesNotContain(secret, everything);

        var read = _vault.Unprotect("alice", stored.CookiesJson, stored.LocalStorageJson, stored.SessionStorageJson, stored.AuthSnapshotJson, stored.UserAgent);
        Assert.NotNull(read);
        Assert.Equal(Bundle.Cookies, read.Cookies);
        Assert.Equal(Bundle.LocalStorage, read.LocalStorage);
        Assert.Equal(Bundle.SessionStorage, read.SessionStorage);
        Assert.Equal(Bundle.Proxy, read.Proxy);
        Assert.Equal(SessionBundle.DefaultAppId, read.AppId);
    }

    [Fact]
    public void One_accounts_session_does_not_decrypt_as_another_account()
    {
        var stored = _vault.Protect("alice", Bundle, DateTime.UtcNow);
        Assert.ThrowsAny<CryptographicException>(() =>
            _vault.Unprotect("mallory", stored.CookiesJson, stored.LocalStorageJson, stored.SessionStorageJson, stored.AuthSnapshotJson, null));
    }

    [Fact]
    public void No_stored_cookies_means_no_session() =>
        Assert.Null(_vault.Unprotect("alice", null, null, null, null, null));
}
