namespace InstaIntel.Intelligence.Imaging;

/// <summary>A point in pixels of the analysed picture.</summary>
public readonly record struct PointF2(float X, float Y);
