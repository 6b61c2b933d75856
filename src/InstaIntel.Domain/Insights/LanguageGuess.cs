using System.Text.RegularExpressions;

namespace InstaIntel.Domain.Insights;

/// <summary>
/// Which languages a profile writes in, from its texts: a script for the languages that have their own, else the common
/// short words of each Latin-script language. Crude but deterministic, and it says nothing when the text does not tell.
/// </summary>
public static partial class LanguageGuess
{
    private static readonly Dictionary<string, HashSet<string>> StopWords = new()
    {
        ["en"] = ["the", "and", "you", "with", "this", "that", "for", "are", "my", "is", "it", "of", "to", "in", "on", "what", "love", "so", "me", "we", "our", "have"],
        ["es"] = ["el", "la", "los", "las", "que", "con", "por", "para", "una", "uno", "del", "mi", "es", "y", "en", "pero", "muy", "como", "más", "hoy"],
        ["pt"] = ["o", "os", "as", "que", "com", "para", "uma", "um", "do", "da", "não", "meu", "minha", "é", "em", "mais", "muito", "hoje", "você"],
        ["fr"] = ["le", "la", "les", "et", "des", "est", "une", "un", "avec", "pour", "pas", "je", "mon", "ma", "dans", "sur", "c'est", "très", "aujourd'hui"],
        ["de"] = ["der", "die", "das", "und", "ist", "mit", "ich", "nicht", "ein", "eine", "mein", "für", "auf", "auch", "heute", "wir", "sehr", "zu"],
        ["it"] = ["il", "lo", "gli", "che", "con", "per", "una", "uno", "del", "della", "non", "mio", "sono", "è", "e", "oggi", "molto", "questo"],
        ["nl"] = ["de", "het", "een", "en", "van", "met", "voor", "niet", "ik", "mijn", "is", "op", "ook", "vandaag", "wij", "heel"],
        ["tr"] = ["ve", "bir", "bu", "için", "ile", "çok", "ben", "sen", "da", "de", "ama", "gibi", "bugün", "değil"],
    };

    /// <summary>Each language with its score (hits), best first; empty when nothing was recognised.</summary>
    public static IReadOnlyList<(string Language, int Score)> Score(IEnumerable<string?> texts)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            foreach (var (language, hits) in ScoreOne(text))
                scores[language] = scores.GetValueOrDefault(language) + hits;
        }
        return scores.Where(s => s.Value > 0).OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value)).ToList();
    }

    /// <summary>The languages of one text: a script counts by letters (one hit per 4), a Latin-script language by its common words.</summary>
    public static IEnumerable<(string Language, int Hits)> ScoreOne(string text)
    {
        var scripts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in text)
        {
            var script = Script(c);
            if (script is not null) scripts[script] = scripts.GetValueOrDefault(script) + 1;
        }
        foreach (var (language, letters) in scripts)
            if (letters >= 2) yield return (language, Math.Max(1, letters / 4));

        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        foreach (var (language, common) in StopWords)
        {
            var hits = words.Count(common.Contains);
            if (hits > 0) yield return (language, hits);
        }
    }

    private static string? Script(char c) => c switch
    {
        >= '\u0400' and <= '\u04FF' => "ru",
        >= '\u0600' and <= '\u06FF' => "ar",
        >= '\u0590' and <= '\u05FF' => "he",
        >= '\u0900' and <= '\u097F' => "hi",
        >= '\u0370' and <= '\u03FF' => "el",
        >= '\u0E00' and <= '\u0E7F' => "th",
        >= '\uAC00' and <= '\uD7AF' => "ko",
        >= '\u3040' and <= '\u30FF' => "ja",
        >= '\u4E00' and <= '\u9FFF' => "zh",
        _ => null,
    };

    [GeneratedRegex(@"[\p{L}']+")]
    private static partial Regex Word();
}
