using System.Security.Cryptography;
using System.Text;

namespace InstaIntel.Domain.Security;

/// <summary>Making, hashing and checking API keys. Keys are 256 random bits; a fast hash is enough for them.</summary>
public static class ApiKeySecret
{
    private const string Prefix = "ii_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>"sha256:" and the lowercase hex digest: the form stored in the database and in configuration.</summary>
    public static string Hash(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether <paramref name="presented"/> hashes to any of <paramref name="hashes"/>, comparing in constant time.</summary>
    public static bool Matches(string presented, IEnumerable<string> hashes)
    {
        var candidate = Encoding.ASCII.GetBytes(Hash(presented));
        var match = false;
        // Every stored hash is compared in full so the time taken says nothing about which one (nearly) matched.
        foreach (var hash in hashes)
            match |= CryptographicOperations.FixedTimeEquals(candidate, Encoding.ASCII.GetBytes(hash));
        return match;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
