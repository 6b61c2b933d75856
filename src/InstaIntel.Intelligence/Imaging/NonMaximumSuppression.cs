namespace InstaIntel.Intelligence.Imaging;

/// <summary>
/// Hard NMS: the best-scoring box wins, and a box is dropped when it overlaps a kept one by more than the IoU limit,
/// or (optionally) when more than the containment limit of its own area lies inside a kept one. IoU alone lets a
/// small box survive inside a big one (its IoU is at most the area ratio).
/// </summary>
public static class NonMaximumSuppression
{
    public static IReadOnlyList<T> Hard<T>(IEnumerable<T> candidates, Func<T, BoundingBox> box, Func<T, float> score,
        float iouLimit, float containmentLimit = 1f)
    {
        var kept = new List<T>();
        foreach (var candidate in candidates.OrderByDescending(score))
        {
            var candidateBox = box(candidate);
            if (kept.TrueForAll(k => Separate(box(k), candidateBox, iouLimit, containmentLimit)))
                kept.Add(candidate);
        }
        return kept;
    }

    private static bool Separate(BoundingBox kept, BoundingBox candidate, float iouLimit, float containmentLimit) =>
        kept.IoU(candidate) <= iouLimit &&
        (containmentLimit >= 1f || candidate.Area <= 0 || kept.Intersection(candidate) / candidate.Area <= containmentLimit);
}
