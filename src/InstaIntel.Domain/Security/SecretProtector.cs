using System.Security.Cryptography;
using System.Text;

namespace InstaIntel.Domain.Security;

/// <summary>
/// Encrypts secrets at rest (session cookies, storages, provider API keys) with AES-256-GCM. The output is
/// <c>v1:</c> + base64(nonce | tag | ciphertext); the associated data (for example <c>instagram_accounts:alice:cookies_json</c>)
/// binds a ciphertext to its place, so a value copied into another row or column does not decrypt.
/// </summary>
public sealed class SecretProtector
{
    public const int KeySize = 32;
    private const string Version = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretProtector(byte[] key)
    {
        if (key.Length != KeySize)
            throw new ArgumentException($"the vault key must be {KeySize} bytes, not {key.Length}", nameof(key));
        _key = key.ToArray();
    }

    public static bool LooksProtected(string? value) => value?.StartsWith(Version, StringComparison.Ordinal) == true;

    public string Protect(string plaintext, string associatedData)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(associatedData));
        CryptographicOperations.ZeroMemory(plain);
        return Version + Convert.ToBase64String(output);
    }

    /// <exception cref="CryptographicException">the value was changed, moved, or protected with another key.</exception>
    public string Unprotect(string protectedText, string associatedData)
    {
        if (!LooksProtected(protectedText))
            throw new CryptographicException("the value is not a protected secret");
        var input = Convert.FromBase64String(protectedText[Version.Length..]);
        if (input.Length < NonceSize + TagSize)
            throw new CryptographicException("the protected secret is truncated");
        var plain = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(associatedData));
        return Encoding.UTF8.GetString(plain);
    }
}
