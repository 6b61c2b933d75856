using System.Security.Cryptography;
using InstaIntel.Domain.Security;

namespace InstaIntel.Domain.Tests.Security;

public sealed class SecretProtectorTests
{
    private static readonly SecretProtector Protector = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_secret_round_trips_and_its_ciphertext_does_not_contain_it()
    {
        var protectedValue = Protector.Protect("sessionid=s3cr3t-cookie", "instagram_accounts:alice:cookies_json");
        Assert.StartsWith("v1:", protectedValue);
        Assert.DoesNotContain("s3cr3t", protectedValue);
        Assert.Equal("sessionid=s3cr3t-cookie", Protector.Unprotect(protectedValue, "instagram_accounts:alice:cookies_json"));
    }

    [Fact]
    public void The_same_secret_encrypts_differently_each_time()
    {
        Assert.NotEqual(Protector.Protect("x", "ad"), Protector.Protect("x", "ad"));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_place_or_key_does_not_decrypt()
    {
        var value = Protector.Protect("secret", "instagram_accounts:alice:cookies_json");
        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect(value, "instagram_accounts:bob:cookies_json"));
        Assert.ThrowsAny<CryptographicException>(() => new SecretProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(value, "instagram_accounts:alice:cookies_json"));
    }

    [Fact]
    public void A_tampered_ciphertext_is_refused()
    {
        var value = Protector.Protect("secret", "ad");
        var bytes = Convert.FromBase64String(value[3..]);
        bytes[^1] ^= 0x01;
        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect("v1:" + Convert.ToBase64String(bytes), "ad"));
        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect("plain text", "ad"));
    }

    [Fact]
    public void Only_a_32_byte_key_is_accepted() =>
        Assert.Throws<ArgumentException>(() => new SecretProtector(new byte[16]));
}
