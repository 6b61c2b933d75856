using System.Globalization;
using System.Text.RegularExpressions;

namespace InstaIntel.Domain.Insights;

/// <summary>
/// The local provider's <c>profile_insights</c> answer: a reading of <see cref="ProfileEvidence"/> by rules, so the same
/// evidence always gives the same analysis. Every signal names the text or media it rests on; demographics come only
/// from <see cref="DemographicsReader"/> (what the profile states), never from its pictures.
/// </summary>
public static partial class ProfileInsightComposer
{
    private static readonly HashSet<string> SlangWords = ["lol", "omg", "lmao", "tbh", "ngl", "bruh", "vibes", "lit", "gonna", "wanna", "fr", "idk", "af", "bestie"];

    private static readonly HashSet<string> TopicStopWords =
    [
        "this", "that", "with", "have", "from", "your", "what", "when", "just", "like", "more", "here", "there", "they", "them", "been", "were",
        "will", "would", "about", "into", "over", "some", "time", "today", "link", "bio", "follow", "post", "story", "stories", "para", "com",
        "como", "mais", "mit", "und", "pour", "avec", "dans", "nicht", "sono", "questo",
    ];

    /// <summary>Words of sensitive subjects, and the topic to avoid they point at.</summary>
    private static readonly (string Topic, string[] Words)[] Sensitive =
    [
        ("loss and grief", ["rip", "funeral", "passed away", "grief", "mourning", "in memory"]),
        ("health", ["hospital", "surgery", "diagnosis", "therapy", "cancer", "recovery"]),
        ("breakups", ["breakup", "broke up", "divorce", "heartbroken"]),
        ("politics", ["election", "vote", "protest", "government"]),
    ];

    public static ProfileInsightAnalysis Compose(ProfileEvidence evidence)
    {
        var media = evidence.Media.ToList();
        var texts = new List<(string Text, string Source, string? Ref, DateTime? At)>();
        if (evidence.Bio is { } bio) texts.Add((bio, "bio", null, null));
        foreach (var m in media)
        {
            if (m.Caption is { } caption) texts.Add((caption, m.IsStory ? "story_caption" : "caption", m.Ref, m.TakenAt));
            if (m.OcrText is { } ocr) texts.Add((ocr, m.IsStory ? "story_ocr" : "post_ocr", m.Ref, m.TakenAt));
        }

        var signals = new List<ProfileSignal>();
        var (primary, secondary, languageConfidence) = Languages(texts, signals);
        var topics = Topics(media, texts, signals);
        var (profileType, typeEvidence) = ProfileType(evidence);
        if (typeEvidence is not null)
            signals.Add(new ProfileSignal("profile_type", profileType, profileType == "unknown" ? 0.3 : 0.7, typeEvidence, "bio", null, null));
        PostingTime(media, signals);
        SocialCircle(evidence, media, signals);

        var demographics = Demographics(evidence, primary, profileType, topics);
        foreach (var (kind, estimate) in new[] { ("age", demographics.Age), ("gender", demographics.Gender), ("location", demographics.Location) })
            if (estimate is not null)
                signals.Add(new ProfileSignal(kind, estimate.Value, estimate.Confidence, estimate.EvidenceText, estimate.SourceType, estimate.SourceRef, null));

        var allText = string.Join('\n', texts.Select(t => t.Text));
        var emojiRate = texts.Count == 0 ? 0 : (double)Emoji().Matches(allText).Count / texts.Count;
        var exclamationRate = texts.Count == 0 ? 0 : (double)allText.Count(c => c == '!') / texts.Count;
        var slang = Words().Matches(allText.ToLowerInvariant()).Count(m => SlangWords.Contains(m.Value));
        var emojiUsage = texts.Count == 0 ? null : emojiRate switch { 0 => "none", < 0.5 => "low", < 1.5 => "medium", _ => "high" };
        var slangLevel = texts.Count == 0 ? null : slang switch { 0 => "none", < 3 => "low", _ => "high" };
        var tone = texts.Count == 0 ? null
            : profileType == "business" ? "informative"
            : emojiRate >= 1 ? "playful"
            : exclamationRate >= 0.5 ? "enthusiastic"
            : "calm";
        var formality = texts.Count == 0 ? null : profileType == "business" ? "formal" : slang > 0 || emojiRate >= 1 ? "casual" : "neutral";
        var posts = evidence.Posts.Count;
        var stories = evidence.Stories.Count;
        var hashtagsPerPost = posts == 0 ? 0 : (double)evidence.Posts.Sum(p => p.Hashtags.Count) / posts;
        var engagement = posts + stories < 2 ? "quiet"
            : profileType == "business" && hashtagsPerPost >= 3 ? "promoter"
            : stories > posts * 2 ? "story_sharer"
            : posts > stories * 2 ? "feed_poster"
            : "balanced";
        var messageability = Messageability(evidence, profileType, media.Count);

        var completeness = new[] { evidence.Bio is not null, posts > 0, stories > 0, texts.Count > (evidence.Bio is null ? 0 : 1) }.Count(x => x) / 4.0;
        var confidence = Math.Round(0.2 + 0.6 * completeness * Math.Min(1, media.Count / 10.0) + 0.2 * languageConfidence, 4);
        var summary = Summary(evidence, profileType, primary, topics, posts, stories, engagement);

        return new ProfileInsightAnalysis
        {
            Summary = summary,
            ProfileType = profileType,
            Tone = tone,
            Formality = formality,
            EmojiUsage = emojiUsage,
            SlangLevel = slangLevel,
            EngagementStyle = engagement,
            MessageabilityScore = messageability,
            PrimaryLanguage = primary,
            SecondaryLanguages = secondary,
            Topics = topics,
            Signals = signals,
            Demographics = demographics,
            MessageStrategy = MessageStrategyComposer.Compose(evidence, profileType, primary, topics, tone, emojiUsage, Avoid(allText)),
            Confidence = confidence,
            InputCompleteness = completeness,
        }.Normalize();
    }

    private static (string? Primary, IReadOnlyList<string> Secondary, double Confidence) Languages(
        List<(string Text, string Source, string? Ref, DateTime? At)> texts, List<ProfileSignal> signals)
    {
        var scores = LanguageGuess.Score(texts.Select(t => t.Text));
        if (scores.Count == 0 || scores[0].Score < 2) return (null, [], 0);
        var total = scores.Sum(s => s.Score);
        var (primary, best) = scores[0];
        var confidence = Math.Round((double)best / total * Math.Min(1, best / 8.0), 4);
        var sample = texts.FirstOrDefault(t => LanguageGuess.ScoreOne(t.Text).Any(s => s.Language == primary));
        signals.Add(new ProfileSignal("language", primary, confidence, Cut(sample.Text, 160), sample.Source, sample.Ref, sample.At));
        var secondary = scores.Skip(1).Where(s => s.Score >= Math.Max(2, best / 4)).Select(s => s.Language).Take(3).ToList();
        foreach (var language in secondary)
        {
            var seen = texts.FirstOrDefault(t => LanguageGuess.ScoreOne(t.Text).Any(s => s.Language == language));
            signals.Add(new ProfileSignal("secondary_language", language, Math.Round((double)scores.First(s => s.Language == language).Score / total, 4),
                Cut(seen.Text, 160), seen.Source, seen.Ref, seen.At));
        }
        return (primary, secondary, confidence);
    }

    /// <summary>Hashtags first (by how many media carry them), then words that recur in at least two texts.</summary>
    private static IReadOnlyList<string> Topics(List<MediaEvidence> media, List<(string Text, string Source, string? Ref, DateTime? At)> texts, List<ProfileSignal> signals)
    {
        var tags = media.SelectMany(m => m.Hashtags.Select(h => (Tag: h.TrimStart('#').ToLowerInvariant(), Media: m)))
            .GroupBy(t => t.Tag, StringComparer.Ordinal)
            .Select(g => (Topic: g.Key, Count: g.Select(t => t.Media.Ref).Distinct().Count(), First: g.First().Media, Source: "hashtag"))
            .ToList();
        var words = texts.Where(t => t.Source != "bio")
            .SelectMany(t => Words().Matches(Hashtag().Replace(t.Text, " ").ToLowerInvariant()).Select(m => m.Value).Distinct().Select(w => (Word: w, Text: t)))
            .Where(w => w.Word.Length >= 4 && !TopicStopWords.Contains(w.Word) && w.Word.All(char.IsLetter))
            .GroupBy(w => w.Word, StringComparer.Ordinal)
            .Where(g => g.Select(w => w.Text.Ref).Distinct().Count() >= 2 && tags.All(t => t.Topic != g.Key))
            .Select(g => (Topic: g.Key, Count: g.Select(w => w.Text.Ref).Distinct().Count(), First: media.First(m => m.Ref == g.First().Text.Ref), Source: g.First().Text.Source))
            .ToList();
        var ranked = tags.OrderByDescending(t => t.Count).ThenBy(t => t.Topic, StringComparer.Ordinal)
            .Concat(words.OrderByDescending(w => w.Count).ThenBy(w => w.Topic, StringComparer.Ordinal))
            .Take(8).ToList();
        foreach (var topic in ranked.Take(5))
        {
            var posts = media.Count(m => !m.IsStory && Mentions(m, topic.Topic));
            var stories = media.Count(m => m.IsStory && Mentions(m, topic.Topic));
            signals.Add(new ProfileSignal("interest", topic.Topic, Math.Round(Math.Min(1, 0.4 + 0.15 * topic.Count), 4),
                $"{(topic.Source == "hashtag" ? "#" : "")}{topic.Topic} in {Count(posts, "post")} and {Count(stories, "story", "stories")}",
                topic.Source, topic.First.Ref, topic.First.TakenAt));
        }
        return ranked.Select(t => t.Topic).ToList();
    }

    private static bool Mentions(MediaEvidence media, string topic) =>
        media.Hashtags.Any(h => string.Equals(h.TrimStart('#'), topic, StringComparison.OrdinalIgnoreCase))
        || (media.Caption?.Contains(topic, StringComparison.OrdinalIgnoreCase) ?? false)
        || (media.OcrText?.Contains(topic, StringComparison.OrdinalIgnoreCase) ?? false);

    private static (string Type, string? Evidence) ProfileType(ProfileEvidence evidence)
    {
        var bio = evidence.Bio ?? "";
        var business = BusinessWords().Matches(bio).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();
        if (Email().IsMatch(bio)) business.Add("email");
        if (Phone().IsMatch(bio)) business.Add("phone number");
        var page = PageWords().Matches(bio + " " + evidence.Username).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();
        if (business.Count >= 2 || (business.Count == 1 && evidence.FollowersCount >= 10_000))
            return ("business", $"bio mentions {string.Join(", ", business)}");
        if (page.Count > 0) return ("page", $"{string.Join(", ", page)} in the name or bio");
        var faces = evidence.Media.Sum(m => m.FaceCount);
        if (faces > 0 || evidence.PeopleCount > 0)
            return ("personal", $"{Count(faces, "face")} in its media, {Count(evidence.PeopleCount, "person", "people")} recognised");
        return evidence.Media.Any() || bio.Length > 0 ? ("personal", null) : ("unknown", null);
    }

    private static void PostingTime(List<MediaEvidence> media, List<ProfileSignal> signals)
    {
        if (media.Count < 3) return;
        var parts = media.GroupBy(m => DayPart(m.TakenAt.Hour)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var top = parts[0];
        signals.Add(new ProfileSignal("posting_time", top.Key, Math.Round((double)top.Count() / media.Count, 4),
            $"{top.Count()} of {media.Count} media posted in the {top.Key} (UTC)", "posting_times", null, null));
    }

    public static string DayPart(int hour) => hour switch { >= 5 and < 12 => "morning", >= 12 and < 17 => "afternoon", >= 17 and < 22 => "evening", _ => "night" };

    private static void SocialCircle(ProfileEvidence evidence, List<MediaEvidence> media, List<ProfileSignal> signals)
    {
        var withFaces = media.Where(m => m.FaceCount > 0).ToList();
        if (withFaces.Count > 0)
        {
            var group = withFaces.Count(m => m.FaceCount >= 2);
            var value = group * 2 >= withFaces.Count ? "group" : "solo";
            signals.Add(new ProfileSignal("social_setting", value, Math.Round((double)Math.Max(group, withFaces.Count - group) / withFaces.Count, 4),
                $"{Count(group, "media")} with several faces, {Count(withFaces.Count - group, "media")} with one; {Count(evidence.PeopleCount, "person", "people")} recognised",
                "faces", null, null));
        }
        foreach (var handle in media.SelectMany(m => m.Mentions.Select(h => (Handle: h.TrimStart('@').ToLowerInvariant(), Media: m)))
                     .Where(h => h.Handle != evidence.Username.ToLowerInvariant())
                     .GroupBy(h => h.Handle, StringComparer.Ordinal).Where(g => g.Count() >= 2)
                     .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5))
            signals.Add(new ProfileSignal("frequent_mention", handle.Key, Math.Round(Math.Min(1, 0.3 + 0.15 * handle.Count()), 4),
                $"@{handle.Key} in {Count(handle.Count(), "media")}", handle.First().Media.IsStory ? "story_mention" : "caption_mention",
                handle.First().Media.Ref, handle.First().Media.TakenAt));
    }

    private static ProfileDemographics Demographics(ProfileEvidence evidence, string? language, string profileType, IReadOnlyList<string> topics)
    {
        var age = DemographicsReader.Age(evidence);
        var gender = DemographicsReader.Gender(evidence);
        var location = DemographicsReader.Location(evidence);
        var parts = new List<string> { $"{(profileType == "unknown" ? "A" : profileType == "personal" ? "A personal" : $"A {profileType}")} profile" };
        if (language is not null) parts.Add($"writing in {CultureName(language)}");
        if (topics.Count > 0) parts.Add($"into {string.Join(", ", topics.Take(3))}");
        if (location is not null) parts.Add($"around {location.Value}");
        if (age is not null) parts.Add($"aged {age.Value}");
        var persona = evidence.Media.Any() || evidence.Bio is not null ? string.Join(", ", parts) + "." : null;
        return new ProfileDemographics { Age = age, Gender = gender, Location = location, PersonaSummary = persona };
    }

    private static double Messageability(ProfileEvidence evidence, string profileType, int mediaCount)
    {
        var score = 0.3;
        score += evidence.CanMessage switch { true => 0.25, false => -0.3, null => 0 };
        if (evidence.FollowsYou) score += 0.15;
        if (evidence.Following) score += 0.05;
        score += profileType switch { "personal" => 0.15, "business" => -0.1, _ => 0 };
        score += Math.Min(0.1, mediaCount * 0.01);
        return Math.Round(Math.Clamp(score, 0, 1), 2);
    }

    private static IReadOnlyList<string> Avoid(string allText)
    {
        var lower = allText.ToLowerInvariant();
        return Sensitive.Where(s => s.Words.Any(w => Regex.IsMatch(lower, $@"\b{Regex.Escape(w)}\b"))).Select(s => s.Topic).ToList();
    }

    private static string Summary(ProfileEvidence evidence, string profileType, string? language, IReadOnlyList<string> topics, int posts, int stories, string engagement)
    {
        var name = evidence.FullName is { } full ? $"{evidence.Username} ({full})" : evidence.Username;
        var about = topics.Count > 0 ? $"; topics {string.Join(", ", topics.Take(5))}" : "";
        var writes = language is null ? "" : $" writing in {CultureName(language)}";
        return $"{name}: {profileType} profile{writes}{about}; {Count(posts, "post")} and {Count(stories, "story", "stories")} analysed; {engagement.Replace('_', ' ')}.";
    }

    public static string CultureName(string code)
    {
        try { return CultureInfo.GetCultureInfo(code).EnglishName; }
        catch (CultureNotFoundException) { return code; }
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    private static string Cut(string? text, int max) => text is null ? "" : text.Length > max ? text[..max] : text;

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();

    [GeneratedRegex(@"#\w+")]
    private static partial Regex Hashtag();

    [GeneratedRegex(@"[\u2600-\u27BF]|\p{Cs}{2}")]
    private static partial Regex Emoji();

    [GeneratedRegex(@"\b(?:shop|store|official|booking|bookings|orders?|delivery|brand|agency|studio|restaurant|cafe|café|hotel|salon|wholesale|prices?|dm to order|shipping|business|company)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BusinessWords();

    [GeneratedRegex(@"\b(?:fan ?page|fanpage|memes?|quotes|daily|fan account|updates)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PageWords();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.]+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d[\d\s-]{7,}\d")]
    private static partial Regex Phone();
}
