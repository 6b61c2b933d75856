namespace InstaIntel.Intelligence.Imaging;

/// <summary>A rectangle of whole pixels inside a picture (already clipped to it).</summary>
internal readonly record struct PixelRegion(int X, int Y, int Width, int Height);
