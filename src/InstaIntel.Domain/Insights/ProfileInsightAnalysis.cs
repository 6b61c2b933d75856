using System.Text.Json;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Insights;

/// <summary>
/// The <c>analysis</c> of a <c>profile_insights</c> row (schema <see cref="SchemaVersion"/>), whichever provider wrote
/// it: the profile's summary, signals with their evidence, demographic estimates with confidences and a message
/// strategy. <see cref="Normalize"/> makes a chat model's answer safe to project (closed values, scores in 0..1,
/// bounded lists); the local composer's answer is already so.
/// </summary>
public sealed record ProfileInsightAnalysis : JsonContract
{
    public const string SchemaVersion = "profile_insights_v1";

    public static readonly string[] ProfileTypes = ["personal", "page", "business", "unknown"];

    public string? Summary { get; init; }
    /// <summary>personal, page, business or unknown.</summary>
    public string? ProfileType { get; init; }
    public string? Tone { get; init; }
    public string? Formality { get; init; }
    public string? EmojiUsage { get; init; }
    public string? SlangLevel { get; init; }
    public string? EngagementStyle { get; init; }
    public double? MessageabilityScore { get; init; }
    /// <summary>ISO 639-1 code, or null when the text did not tell.</summary>
    public string? PrimaryLanguage { get; init; }
    public IReadOnlyList<string>? SecondaryLanguages { get; init; }
    public IReadOnlyList<string>? Topics { get; init; }
    public IReadOnlyList<ProfileSignal>? Signals { get; init; }
    public ProfileDemographics? Demographics { get; init; }
    public ProfileMessageStrategy? MessageStrategy { get; init; }
    /// <summary>How far the whole reading can be trusted, 0..1.</summary>
    public double? Confidence { get; init; }
    public double? InputCompleteness { get; init; }

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, ProfileEvidence.Json)!.AsObject();

    /// <summary>Reads a stored or answered analysis; whatever does not fit the contract is dropped, never guessed.</summary>
    public static ProfileInsightAnalysis FromJson(JsonObject json)
    {
        ProfileInsightAnalysis? read;
        try
        {
            read = json.Deserialize<ProfileInsightAnalysis>(ProfileEvidence.Json);
        }
        catch (JsonException)
        {
            read = Lenient(json);
        }
        return (read ?? new ProfileInsightAnalysis()).Normalize();
    }

    /// <summary>
    /// A chat model's answer: the JSON object in <paramref name="text"/> (inside a code fence or prose too), read leniently.
    /// </summary>
    /// <returns>null when there is no JSON object in it.</returns>
    public static ProfileInsightAnalysis? FromAnswer(string text)
    {
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start) return null;
        try
        {
            return JsonNode.Parse(text[start..(end + 1)]) is JsonObject json ? FromJson(json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Field by field, for an answer whose shape is partly wrong (a number as text, a list as one string).</summary>
    private static ProfileInsightAnalysis Lenient(JsonObject json)
    {
        T? Read<T>(string key) where T : class
        {
            try { return json[key]?.Deserialize<T>(ProfileEvidence.Json); }
            catch (Exception error) when (error is JsonException or InvalidOperationException) { return null; }
        }
        return new ProfileInsightAnalysis
        {
            Summary = Str(json["summary"]),
            ProfileType = Str(json["profile_type"]),
            Tone = Str(json["tone"]),
            Formality = Str(json["formality"]),
            EmojiUsage = Str(json["emoji_usage"]),
            SlangLevel = Str(json["slang_level"]),
            EngagementStyle = Str(json["engagement_style"]),
            MessageabilityScore = Number(json["messageability_score"]),
            PrimaryLanguage = Str(json["primary_language"]),
            SecondaryLanguages = StringList(json["secondary_languages"]),
            Topics = StringList(json["topics"]),
            Signals = json["signals"] is JsonArray signals
                ? signals.OfType<JsonObject>().Select(s => new ProfileSignal(Str(s["signal_type"]) ?? "", Str(s["value"]), Number(s["confidence"]),
                    Str(s["evidence_text"]), Str(s["source_type"]), Str(s["source_ref"]), null)).ToList()
                : null,
            Demographics = Read<ProfileDemographics>("demographics"),
            MessageStrategy = Read<ProfileMessageStrategy>("message_strategy"),
            Confidence = Number(json["confidence"]),
        };
    }

    /// <summary>Closed values where the contract has them, scores clamped to 0..1, lists trimmed and bounded, empty signals dropped.</summary>
    public ProfileInsightAnalysis Normalize() => this with
    {
        Summary = Bound(Summary, 1000),
        ProfileType = ProfileTypes.Contains(ProfileType?.Trim().ToLowerInvariant()) ? ProfileType!.Trim().ToLowerInvariant() : "unknown",
        Tone = Word(Tone),
        Formality = Word(Formality),
        EmojiUsage = Word(EmojiUsage),
        SlangLevel = Word(SlangLevel),
        EngagementStyle = Word(EngagementStyle),
        MessageabilityScore = Unit(MessageabilityScore),
        PrimaryLanguage = Language(PrimaryLanguage),
        SecondaryLanguages = List(SecondaryLanguages, 5)?.Select(Language).OfType<string>().Where(l => l != Language(PrimaryLanguage)).Distinct().ToList(),
        Topics = List(Topics, 12)?.Select(t => t.TrimStart('#').ToLowerInvariant()).Distinct().ToList(),
        Signals = Signals?.Where(s => !string.IsNullOrWhiteSpace(s.SignalType)).Take(50)
            .Select(s => s with
            {
                SignalType = Bound(s.SignalType.Trim().ToLowerInvariant(), 60)!,
                Value = Bound(s.Value, 200),
                Confidence = Unit(s.Confidence),
                EvidenceText = Bound(s.EvidenceText, 500),
                SourceType = Bound(s.SourceType, 60),
                SourceRef = Bound(s.SourceRef, 120),
            }).ToList(),
        Demographics = Demographics?.Normalize(),
        MessageStrategy = MessageStrategy?.Normalize(),
        Confidence = Unit(Confidence),
        InputCompleteness = Unit(InputCompleteness),
    };

    internal static double? Unit(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(Math.Clamp(v, 0, 1), 4) : null;

    internal static string? Bound(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        return trimmed.Length > max ? trimmed[..max] : trimmed;
    }

    internal static IReadOnlyList<string>? List(IReadOnlyList<string>? items, int max, int length = 200) =>
        items?.Select(i => Bound(i, length)).OfType<string>().Distinct().Take(max).ToList();

    private static string? Word(string? value) => Bound(value, 40)?.ToLowerInvariant();

    private static string? Language(string? code) =>
        Bound(code, 12)?.ToLowerInvariant() is { } c && c.Length is 2 or 3 && c.All(char.IsAsciiLetterLower) ? c : null;

    private static string? Str(JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    private static double? Number(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<double>(out var d) ? d
        : v.TryGetValue<string>(out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null
        : null;

    private static IReadOnlyList<string>? StringList(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(Str).OfType<string>().ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => null,
    };
}

/// <summary>One observed signal: what kind, its value, how sure, and the evidence (text, the kind of source, its row).</summary>
public sealed record ProfileSignal(
    string SignalType,
    string? Value,
    double? Confidence,
    string? EvidenceText,
    string? SourceType,
    string? SourceRef,
    DateTime? OccurredAt);

/// <summary>An estimate with its confidence and the evidence it rests on; never made without evidence.</summary>
public sealed record DemographicEstimate(string Value, double Confidence, string? EvidenceText = null, string? SourceType = null, string? SourceRef = null);

/// <summary>The <c>demographics</c> of a profile analysis: what may go into the profile's <c>ai_estimated_*</c> fields.</summary>
public sealed record ProfileDemographics : JsonContract
{
    /// <summary>Age in years (the value is its digits).</summary>
    public DemographicEstimate? Age { get; init; }
    /// <summary>female, male or non_binary.</summary>
    public DemographicEstimate? Gender { get; init; }
    public DemographicEstimate? Location { get; init; }
    public string? PersonaSummary { get; init; }

    public static readonly string[] Genders = ["female", "male", "non_binary"];

    public ProfileDemographics Normalize() => this with
    {
        Age = Age is { } a && int.TryParse(a.Value, out var years) && years is >= 13 and <= 100 ? Estimate(a) : null,
        Gender = Gender is { Value: { } gv } g && Genders.Contains(gv.Trim().ToLowerInvariant()) ? Estimate(g with { Value = g.Value.Trim().ToLowerInvariant() }) : null,
        Location = Location is { } l && ProfileInsightAnalysis.Bound(l.Value, 120) is { } place ? Estimate(l with { Value = place }) : null,
        PersonaSummary = ProfileInsightAnalysis.Bound(PersonaSummary, 500),
    };

    private static DemographicEstimate? Estimate(DemographicEstimate e) =>
        ProfileInsightAnalysis.Unit(e.Confidence) is { } confidence && confidence > 0 && !string.IsNullOrWhiteSpace(e.Value)
            ? e with { Value = e.Value.Trim(), Confidence = confidence, EvidenceText = ProfileInsightAnalysis.Bound(e.EvidenceText, 500) }
            : null;
}

/// <summary>The <c>message_strategy</c> of a profile analysis: <c>instagram_profile_message_strategies</c>' columns.</summary>
public sealed record ProfileMessageStrategy : JsonContract
{
    public IReadOnlyList<string>? BestTopics { get; init; }
    public IReadOnlyList<string>? AvoidTopics { get; init; }
    public IReadOnlyList<string>? Dos { get; init; }
    public IReadOnlyList<string>? Donts { get; init; }
    public IReadOnlyList<string>? OpenerTemplates { get; init; }
    public IReadOnlyList<string>? CommentTemplates { get; init; }
    /// <summary>question_based or soft.</summary>
    public string? CtaStyle { get; init; }

    public ProfileMessageStrategy Normalize() => this with
    {
        BestTopics = ProfileInsightAnalysis.List(BestTopics, 8, 60),
        AvoidTopics = ProfileInsightAnalysis.List(AvoidTopics, 8, 60),
        Dos = ProfileInsightAnalysis.List(Dos, 8),
        Donts = ProfileInsightAnalysis.List(Donts, 8),
        OpenerTemplates = ProfileInsightAnalysis.List(OpenerTemplates, 6, 300),
        CommentTemplates = ProfileInsightAnalysis.List(CommentTemplates, 6, 300),
        CtaStyle = CtaStyle?.Trim().ToLowerInvariant() is "question_based" or "soft" ? CtaStyle.Trim().ToLowerInvariant() : null,
    };
}
