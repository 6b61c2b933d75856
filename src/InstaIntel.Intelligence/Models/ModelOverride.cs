namespace InstaIntel.Intelligence.Models;

/// <summary>A model swapped by configuration: the file (absolute, or relative to the models folder) and its sha256.</summary>
public sealed record ModelOverride
{
    public string File { get; init; } = "";

    public string Sha256 { get; init; } = "";

    /// <summary>Where it came from, for the records (the manifest's source is no longer true).</summary>
    public string Source { get; init; } = "configuration";
}
