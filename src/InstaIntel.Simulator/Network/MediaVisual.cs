namespace InstaIntel.Simulator.Network;

/// <summary>What a picture shows: which kind of source photo, whose face, which variant, and the text drawn on it.</summary>
/// <param name="Subject">The person index (mapped onto the asset people, see <c>MediaLibrary</c>) for portraits.</param>
/// <param name="Variant">Picks the photo among the subject's (or the group or no-face photos).</param>
public sealed record MediaVisual(VisualScene Scene, int Subject, int Variant, string OverlayText);

/// <summary>Kinds of source photo: one known person, a group of people, or no face at all.</summary>
public enum VisualScene
{
    Portrait,
    Group,
    NoFace,
}
