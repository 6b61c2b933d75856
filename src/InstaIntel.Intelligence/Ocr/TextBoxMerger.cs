using InstaIntel.Intelligence.Imaging;

namespace InstaIntel.Intelligence.Ocr;

/// <summary>
/// Joins the boxes of the detection passes into line boxes: pieces of one line (a word cut by a tile edge, the same
/// word seen by two overlapping tiles or by the whole-picture pass, neighbouring words) are united; a coarse box that
/// spans several fine lines (small lines blurred together in the shrunk picture) is dropped in favour of them.
/// </summary>
public static class TextBoxMerger
{
    /// <summary>Two boxes are on one line when their vertical ranges overlap by at least this share of their union.</summary>
    public const float SameLineOverlap = 0.5f;

    /// <summary>... and the horizontal gap between them is at most this many times the smaller height.</summary>
    public const float MaxGapInHeights = 0.6f;

    public static IReadOnlyList<BoundingBox> Merge(IReadOnlyList<BoundingBox> fine, IReadOnlyList<BoundingBox> coarse)
    {
        var boxes = new List<BoundingBox>(fine);
        foreach (var box in coarse)
        {
            var covered = fine.Where(f => f.Intersection(box) > 0.5f * f.Area).ToList();
            var spansLines = covered.Any(a => covered.Any(b => VerticalOverlap(a, b) < SameLineOverlap));
            if (!spansLines)
                boxes.Add(box);
        }
        return Lines(boxes);
    }

    /// <summary>Unites boxes on the same line until no two boxes are.</summary>
    public static IReadOnlyList<BoundingBox> Lines(IEnumerable<BoundingBox> boxes)
    {
        var lines = boxes.Where(b => b.Area > 0).ToList();
        bool merged;
        do
        {
            merged = false;
            for (var i = 0; i < lines.Count && !merged; i++)
            {
                for (var j = i + 1; j < lines.Count; j++)
                {
                    if (!SameLine(lines[i], lines[j]))
                        continue;
                    lines[i] = lines[i].Union(lines[j]);
                    lines.RemoveAt(j);
                    merged = true;
                    break;
                }
            }
        } while (merged);
        return lines.OrderBy(b => b.Y1).ThenBy(b => b.X1).ToList();
    }

    public static bool SameLine(BoundingBox a, BoundingBox b)
    {
        if (VerticalOverlap(a, b) < SameLineOverlap)
            return false;
        var gap = MathF.Max(a.X1, b.X1) - MathF.Min(a.X2, b.X2);
        return gap <= MaxGapInHeights * MathF.Min(a.Height, b.Height);
    }

    /// <summary>Overlap of the vertical ranges over their union (a one-dimensional IoU).</summary>
    public static float VerticalOverlap(BoundingBox a, BoundingBox b)
    {
        var overlap = MathF.Min(a.Y2, b.Y2) - MathF.Max(a.Y1, b.Y1);
        var union = MathF.Max(a.Y2, b.Y2) - MathF.Min(a.Y1, b.Y1);
        return overlap <= 0 || union <= 0 ? 0 : overlap / union;
    }
}
