namespace InstaIntel.Intelligence.Models;

/// <summary>A model file whose sha256 matched: where it is, where it came from, and the version label its outputs carry.</summary>
public sealed record VerifiedModel(string Name, string Path, string Sha256, string Source, string Version);
