namespace InstaIntel.Intelligence.Models;

/// <summary>One model or data file: its package of origin, the path inside that package, where it lands and its sha256.</summary>
public sealed record ModelManifestEntry(string Name, string Source, string Entry, string File, string Sha256, string License)
{
    internal static bool IsSha256(string? value) =>
        value is { Length: 64 } && value.All(Uri.IsHexDigit);
}
