using System.Security.Cryptography;
using System.Text;

namespace InstaIntel.Domain.Profiles;

/// <summary>
/// <c>instagram_profiles.avatar_url_fingerprint</c>: identifies a profile picture by its URL without asking for its
/// bytes. Instagram serves the same picture from rotating CDN hosts with rotating signed query strings; the path
/// names the file, so the fingerprint is the SHA-256 (lower-case hex) of the path alone. A changed fingerprint
/// means a new picture.
/// </summary>
public static class AvatarFingerprint
{
    // Instagram's "no picture" silhouettes are not anybody's avatar.
    private static readonly string[] PlaceholderMarkers = ["/static/images/profile/", "profile-pic-null", "default_profile"];

    /// <returns>null for a missing, relative or placeholder URL.</returns>
    public static string? Of(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme is not ("http" or "https")) return null;
        var path = uri.AbsolutePath;
        if (path.Length <= 1 || PlaceholderMarkers.Any(marker => path.Contains(marker, StringComparison.OrdinalIgnoreCase))) return null;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)));
    }
}
