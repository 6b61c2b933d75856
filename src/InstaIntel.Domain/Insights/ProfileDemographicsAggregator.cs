using System.Globalization;
using InstaIntel.Domain.Profiles;

namespace InstaIntel.Domain.Insights;

/// <summary>A profile's <c>ai_estimated_*</c> fields with their confidences (<c>ai_*_confidence</c>) and the persona summary.</summary>
public sealed record StoredDemographics(
    int? Age, double? AgeConfidence,
    string? Gender, double? GenderConfidence,
    string? Location, double? LocationConfidence,
    string? PersonaSummary)
{
    public static StoredDemographics Of(InstagramProfile profile) => new(profile.AiEstimatedAge, profile.AiAgeConfidence, profile.AiEstimatedGender,
        profile.AiGenderConfidence, profile.AiEstimatedLocation, profile.AiLocationConfidence, profile.AiPersonaSummary);
}

/// <summary>
/// BEHAVIOUR.md §7: an analysis' demographic estimates go into the profile only where the field is empty or the new
/// confidence is higher than the stored one (a value stored without a confidence counts as 0); the stored confidence
/// moves with its value. The persona summary is written when missing or when an estimate improved, so it never
/// describes a weaker reading than the fields beside it.
/// </summary>
public static class ProfileDemographicsAggregator
{
    /// <returns>the fields after the merge and the names of those that changed (age, gender, location, persona_summary).</returns>
    public static (StoredDemographics Result, IReadOnlyList<string> Changed) Merge(StoredDemographics stored, ProfileDemographics? estimates)
    {
        if (estimates is null) return (stored, []);
        var changed = new List<string>();
        var result = stored;
        if (Improves(estimates.Age, stored.Age?.ToString(CultureInfo.InvariantCulture), stored.AgeConfidence)
            && int.TryParse(estimates.Age!.Value, CultureInfo.InvariantCulture, out var years))
        {
            result = result with { Age = years, AgeConfidence = estimates.Age.Confidence };
            changed.Add("age");
        }
        if (Improves(estimates.Gender, stored.Gender, stored.GenderConfidence))
        {
            result = result with { Gender = estimates.Gender!.Value, GenderConfidence = estimates.Gender.Confidence };
            changed.Add("gender");
        }
        if (Improves(estimates.Location, stored.Location, stored.LocationConfidence))
        {
            result = result with { Location = estimates.Location!.Value, LocationConfidence = estimates.Location.Confidence };
            changed.Add("location");
        }
        if (estimates.PersonaSummary is { Length: > 0 } persona && persona != stored.PersonaSummary && (stored.PersonaSummary is null || changed.Count > 0))
        {
            result = result with { PersonaSummary = persona };
            changed.Add("persona_summary");
        }
        return (result, changed);
    }

    private static bool Improves(DemographicEstimate? estimate, string? storedValue, double? storedConfidence) =>
        estimate is { Confidence: > 0 } && (storedValue is null || estimate.Confidence > (storedConfidence ?? 0));
}
