using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Media;

/// <summary>The truth about a served picture: the source photo, whose face it shows (portraits only) and the text
/// drawn on it, for tests of face matching and OCR.</summary>
public sealed record PictureSource(string PhotoPath, VisualScene Scene, string? Person, string? OverlayText);
