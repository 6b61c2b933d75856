namespace InstaIntel.Intelligence.Imaging;

/// <summary>An axis-aligned box in pixels of the analysed picture: left, top, right, bottom.</summary>
public readonly record struct BoundingBox(float X1, float Y1, float X2, float Y2)
{
    public float Width => MathF.Max(0, X2 - X1);

    public float Height => MathF.Max(0, Y2 - Y1);

    public float Area => Width * Height;

    public float CenterX => (X1 + X2) / 2;

    public float CenterY => (Y1 + Y2) / 2;

    public float Intersection(BoundingBox other) =>
        MathF.Max(0, MathF.Min(X2, other.X2) - MathF.Max(X1, other.X1)) *
        MathF.Max(0, MathF.Min(Y2, other.Y2) - MathF.Max(Y1, other.Y1));

    public float IoU(BoundingBox other)
    {
        var intersection = Intersection(other);
        var union = Area + other.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    public BoundingBox Union(BoundingBox other) =>
        new(MathF.Min(X1, other.X1), MathF.Min(Y1, other.Y1), MathF.Max(X2, other.X2), MathF.Max(Y2, other.Y2));

    public BoundingBox ClipTo(int width, int height) =>
        new(Math.Clamp(X1, 0, width), Math.Clamp(Y1, 0, height), Math.Clamp(X2, 0, width), Math.Clamp(Y2, 0, height));

    public BoundingBox Offset(float dx, float dy) => new(X1 + dx, Y1 + dy, X2 + dx, Y2 + dy);

    public BoundingBox Scale(float sx, float sy) => new(X1 * sx, Y1 * sy, X2 * sx, Y2 * sy);

    /// <summary>Whole pixels, for signatures that must compare equal across runs.</summary>
    public BoundingBox Rounded() => new(MathF.Round(X1), MathF.Round(Y1), MathF.Round(X2), MathF.Round(Y2));

    public override string ToString() => $"[{X1:0.#},{Y1:0.#},{X2:0.#},{Y2:0.#}]";
}
