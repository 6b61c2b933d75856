using InstaIntel.Domain.Insights;

namespace InstaIntel.Domain.Tests.Insights;

public sealed class ProfileDemographicsAggregatorTests
{
    private static readonly StoredDemographics Empty = new(null, null, null, null, null, null, null);

    [Fact]
    public void Missing_fields_are_filled_with_their_confidence()
    {
        var (result, changed) = ProfileDemographicsAggregator.Merge(Empty, new ProfileDemographics
        {
            Age = new DemographicEstimate("23", 0.9), Location = new DemographicEstimate("Lisbon", 0.55), PersonaSummary = "A personal profile.",
        });
        Assert.Equal((23, 0.9, "Lisbon", 0.55, "A personal profile."), (result.Age, result.AgeConfidence, result.Location, result.LocationConfidence, result.PersonaSummary));
        Assert.Null(result.Gender);
        Assert.Equal(["age", "location", "persona_summary"], changed);
    }

    [Fact]
    public void A_stored_estimate_is_replaced_only_by_a_more_confident_one()
    {
        var stored = new StoredDemographics(30, 0.8, "male", 0.6, "Porto", 0.7, "Old persona.");
        var (result, changed) = ProfileDemographicsAggregator.Merge(stored, new ProfileDemographics
        {
            Age = new DemographicEstimate("23", 0.8),        // equal confidence: kept
            Gender = new DemographicEstimate("female", 0.9), // higher: replaced
            Location = new DemographicEstimate("Lisbon", 0.45), // lower: kept
            PersonaSummary = "New persona.",
        });
        Assert.Equal((30, 0.8, "female", 0.9, "Porto", 0.7), (result.Age, result.AgeConfidence, result.Gender, result.GenderConfidence, result.Location, result.LocationConfidence));
        Assert.Equal("New persona.", result.PersonaSummary);
        Assert.Equal(["gender", "persona_summary"], changed);
    }

    [Fact]
    public void A_persona_is_not_rewritten_when_no_estimate_improved()
    {
        var stored = new StoredDemographics(30, 0.9, null, null, null, null, "Old persona.");
        var (result, changed) = ProfileDemographicsAggregator.Merge(stored, new ProfileDemographics { Age = new DemographicEstimate("31", 0.5), PersonaSummary = "New persona." });
        Assert.Equal(stored, result);
        Assert.Empty(changed);
    }

    [Fact]
    public void A_value_stored_without_confidence_yields_to_any_estimate()
    {
        var (result, _) = ProfileDemographicsAggregator.Merge(Empty with { Location = "somewhere" }, new ProfileDemographics { Location = new DemographicEstimate("Lisbon", 0.45) });
        Assert.Equal(("Lisbon", 0.45), (result.Location, result.LocationConfidence));
    }
}
