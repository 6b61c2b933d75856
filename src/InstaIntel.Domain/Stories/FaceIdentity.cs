namespace InstaIntel.Domain.Stories;

/// <summary>One linked face of a profile: the media it was seen in (e.g. <c>story:12</c>) and its person.</summary>
public readonly record struct LinkedFace(string Source, long PersonId);

/// <summary>The outcome of identity resolution over a profile's linked faces.</summary>
/// <param name="PrimaryPersonId">the person promoted to primary, when one dominates enough.</param>
/// <param name="TopPersonId">the most frequent person, promoted or not.</param>
/// <param name="CoAppearancesWithPrimary">per other person: the media they share with the primary person.</param>
public sealed record IdentityResolution(
    long? PrimaryPersonId,
    long? TopPersonId,
    int TopAppearances,
    int TotalFaces,
    double DominanceRatio,
    IReadOnlyDictionary<long, int> AppearancesByPerson,
    IReadOnlyDictionary<long, int> CoAppearancesWithPrimary);

/// <summary>
/// Who the profile's own face is, and how the others relate to it (BEHAVIOUR.md §5), as a pure function of the
/// profile's linked faces: the top person is promoted only with enough appearances and a large enough share;
/// every other person is classified by how many media it shares with that person.
/// </summary>
public static class FaceIdentity
{
    public const int MinPrimaryAppearances = 3;
    public const double MinPrimaryRatio = 0.60;

    public const string VeryFrequentCollaborator = "very_frequent_collaborator";
    public const string FrequentCollaborator = "frequent_collaborator";
    public const string OccasionalCollaborator = "occasional_collaborator";

    public static IdentityResolution Resolve(IReadOnlyCollection<LinkedFace> faces, int minAppearances = MinPrimaryAppearances, double minRatio = MinPrimaryRatio)
    {
        var counts = faces.GroupBy(f => f.PersonId).ToDictionary(g => g.Key, g => g.Count());
        var total = faces.Count;
        // Ties go to the older (lower id) person, so the choice is stable between runs.
        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Select(c => (KeyValuePair<long, int>?)c).FirstOrDefault();
        var ratio = top is { } t && total > 0 ? (double)t.Value / total : 0;
        long? primary = top is { } p && p.Value >= minAppearances && ratio >= minRatio ? p.Key : null;

        var co = new Dictionary<long, int>();
        if (primary is { } owner)
        {
            foreach (var media in faces.GroupBy(f => f.Source))
            {
                var people = media.Select(f => f.PersonId).ToHashSet();
                if (!people.Contains(owner)) continue;
                foreach (var other in people.Where(id => id != owner))
                    co[other] = co.GetValueOrDefault(other) + 1;
            }
        }
        return new IdentityResolution(primary, top?.Key, top?.Value ?? 0, total, Math.Round(ratio, 4), counts, co);
    }

    /// <summary>≥ 6 shared media: very frequent; ≥ 3 frequent; ≥ 1 occasional; none: no relationship.</summary>
    public static string? Relationship(int coAppearances) => coAppearances switch
    {
        >= 6 => VeryFrequentCollaborator,
        >= 3 => FrequentCollaborator,
        >= 1 => OccasionalCollaborator,
        _ => null,
    };
}
