using InstaIntel.Domain.Common;

namespace InstaIntel.Node.Dashboard;

/// <summary>How the pages print values: times in UTC to the minute, enums as the seed spells them, a dash for nothing.</summary>
public static class Display
{
    public const string Nothing = "—";

    public static string Time(DateTime? at) => at is { } t ? t.ToString("yyyy-MM-dd HH:mm") + " UTC" : Nothing;

    public static string Seed(Enum? value) => value is null ? Nothing : SeedString.Of(value);

    public static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? Nothing : value;

    public static string Percent(double? value) => value is { } v ? $"{v:P0}" : Nothing;

    /// <summary>The face's box over its story image; pixel boxes are scaled by the image size the analyser recorded.</summary>
    public static string FaceStyle(Domain.Stories.InstagramStoryFace face) =>
        BoxStyle(face.BoundingBox!, Number(face.Metadata, "image_width"), Number(face.Metadata, "image_height"));

    private static double? Number(System.Text.Json.Nodes.JsonObject? metadata, string name) =>
        metadata?[name] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    /// <summary>The face box as CSS percentages of the image (boxes are stored as 0..1 fractions or pixels).</summary>
    public static string BoxStyle(BoundingBox box, double? imageWidth, double? imageHeight)
    {
        var fractions = box.X2 <= 1.0 && box.Y2 <= 1.0;
        double W(double v) => fractions ? v : v / (imageWidth ?? 1);
        double H(double v) => fractions ? v : v / (imageHeight ?? 1);
        return FormattableString.Invariant(
            $"left:{W(box.X1) * 100:0.##}%;top:{H(box.Y1) * 100:0.##}%;width:{W(box.Width) * 100:0.##}%;height:{H(box.Height) * 100:0.##}%");
    }
}
