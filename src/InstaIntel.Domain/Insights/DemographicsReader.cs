using System.Text.RegularExpressions;

namespace InstaIntel.Domain.Insights;

/// <summary>
/// Demographic estimates from what a profile states about itself, never from looks: an age written out ("23 y/o",
/// "age 23"), pronouns or a self-description ("she/her", "mom of two") for gender, a pin or "based in" for the place.
/// The bio weighs more than a caption; a place named in several captions more than in one.
/// </summary>
public static partial class DemographicsReader
{
    public static DemographicEstimate? Age(ProfileEvidence evidence)
    {
        if (AgeIn(evidence.Bio, "bio", null, bio: true) is { } fromBio) return fromBio;
        foreach (var media in evidence.Media)
            if (AgeIn(media.Caption, "caption", media.Ref, bio: false) is { } fromCaption) return fromCaption;
        return null;
    }

    private static DemographicEstimate? AgeIn(string? text, string source, string? reference, bool bio)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var match = AgeStated().Match(text);
        var confidence = bio ? 0.9 : 0.6;
        if (!match.Success)
        {
            match = AgeLabelled().Match(text);
            confidence = bio ? 0.8 : 0.5;
        }
        if (!match.Success || !int.TryParse(match.Groups["age"].Value, out var years) || years is < 13 or > 100) return null;
        return new DemographicEstimate(years.ToString(System.Globalization.CultureInfo.InvariantCulture), confidence, match.Value.Trim(), source, reference);
    }

    /// <summary>Gender only from the bio: stated pronouns (0.9) or a self-description (0.6).</summary>
    public static DemographicEstimate? Gender(ProfileEvidence evidence)
    {
        if (string.IsNullOrEmpty(evidence.Bio)) return null;
        if (Pronouns().Match(evidence.Bio) is { Success: true } pronouns)
        {
            var value = pronouns.Groups["subject"].Value.ToLowerInvariant() switch { "she" => "female", "he" => "male", _ => "non_binary" };
            return new DemographicEstimate(value, 0.9, pronouns.Value, "bio");
        }
        if (FemaleWords().Match(evidence.Bio) is { Success: true } female) return new DemographicEstimate("female", 0.6, female.Value, "bio");
        if (MaleWords().Match(evidence.Bio) is { Success: true } male) return new DemographicEstimate("male", 0.6, male.Value, "bio");
        return null;
    }

    /// <summary>A pin or "based in" in the bio (0.8 / 0.7), "from" in the bio (0.45), a pin in captions (0.55, 0.7 when repeated).</summary>
    public static DemographicEstimate? Location(ProfileEvidence evidence)
    {
        if (evidence.Bio is { Length: > 0 } bio)
        {
            if (Pin().Match(bio) is { Success: true } pin && Place(pin.Groups["place"].Value) is { } pinned)
                return new DemographicEstimate(pinned, 0.8, pin.Value.Trim(), "bio");
            if (BasedIn().Match(bio) is { Success: true } based && Place(based.Groups["place"].Value) is { } basedPlace)
                return new DemographicEstimate(basedPlace, 0.7, based.Value.Trim(), "bio");
            if (From().Match(bio) is { Success: true } from && Place(from.Groups["place"].Value) is { } home)
                return new DemographicEstimate(home, 0.45, from.Value.Trim(), "bio");
        }
        var pins = evidence.Media
            .Select(m => (Media: m, Match: m.Caption is null ? Match.Empty : Pin().Match(m.Caption)))
            .Where(p => p.Match.Success && Place(p.Match.Groups["place"].Value) is not null)
            .GroupBy(p => Place(p.Match.Groups["place"].Value)!, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (pins is null) return null;
        var first = pins.First();
        return new DemographicEstimate(pins.Key, pins.Count() > 1 ? 0.7 : 0.55, first.Match.Value.Trim(), "caption", first.Media.Ref);
    }

    private static string? Place(string raw)
    {
        var place = raw.Trim().TrimEnd('.', '!', ',', ';', ':', '-', '|').Trim();
        return place.Length is >= 2 and <= 60 && place.Any(char.IsLetter) ? place : null;
    }

    [GeneratedRegex(@"\b(?<age>\d{2})\s*(?:y/o|y\.o\.?|yo|yrs? old|years old)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeStated();

    [GeneratedRegex(@"\bage[:\s]+(?<age>\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeLabelled();

    [GeneratedRegex(@"\b(?<subject>she|he|they)\s*/\s*(?:her|hers|him|his|them|theirs)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pronouns();

    [GeneratedRegex(@"\b(?:mom|mum|mother|mama|wife|girlfriend|daughter|sister)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FemaleWords();

    [GeneratedRegex(@"\b(?:dad|father|papa|husband|boyfriend|son|brother)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MaleWords();

    [GeneratedRegex(@"📍\s*(?<place>[^\n|•·#@]{2,60})")]
    private static partial Regex Pin();

    [GeneratedRegex(@"\b(?:based in|living in|located in|lives in|live in)\s+(?<place>\p{Lu}[\p{L}'.-]*(?:[ ,]+\p{Lu}[\p{L}'.-]*){0,3})")]
    private static partial Regex BasedIn();

    [GeneratedRegex(@"\bfrom\s+(?<place>\p{Lu}[\p{L}'.-]*(?:[ ,]+\p{Lu}[\p{L}'.-]*){0,2})")]
    private static partial Regex From();
}
