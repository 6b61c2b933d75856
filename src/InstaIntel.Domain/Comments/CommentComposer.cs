using System.Text.RegularExpressions;

namespace InstaIntel.Domain.Comments;

/// <summary>
/// The local provider's deterministic composer: up to eight short comments built from the evidence (a phrase read in
/// the picture, the caption's words, a hashtag, the people seen, a theme the profile's history repeats). The opener
/// rotation is chosen by a stable hash of the target, so the same media always gets the same suggestions.
/// </summary>
public static partial class CommentComposer
{
    private static readonly string[] Openers = ["Love this", "So good", "This is great", "Beautiful", "Amazing"];

    public static IReadOnlyList<string> Suggest(CommentEvidence evidence, string targetKey, int max = 8)
    {
        var opener = (int)(StableHash(targetKey) % (uint)Openers.Length);
        string Open(int i) => Openers[(opener + i) % Openers.Length];
        var candidates = new List<string>();
        var phrase = Phrase(evidence.OcrText, 6);
        var caption = TrimDangling(Phrase(Hashtag().Replace(Mention().Replace(evidence.Caption ?? "", ""), ""), 6));
        var hashtag = evidence.Hashtags.FirstOrDefault() ?? Hashtag().Match(evidence.Caption ?? "").Value;
        var theme = HistoryTheme(evidence);

        if (phrase.Length > 0) candidates.Add($"\"{phrase}\" — {Open(0).ToLowerInvariant()}!");
        if (caption.Length > 0) candidates.Add($"{Open(1)}! {Capitalise(caption)} looks wonderful");
        if (hashtag.Length > 0) candidates.Add($"{Open(2)}! {hashtag} ✨");
        if (evidence.FaceCount > 1) candidates.Add($"Great to see you all together, {Open(3).ToLowerInvariant()}!");
        else if (evidence.FaceCount == 1) candidates.Add("Looking great in this one!");
        if (phrase.Length > 0 && caption.Length > 0) candidates.Add($"{Capitalise(caption)} and \"{phrase}\" — perfect combo");
        if (theme is not null) candidates.Add($"Another {theme} moment, love following along!");
        if (evidence.Mentions.FirstOrDefault() is { Length: > 0 } mention) candidates.Add($"Say hi to @{mention.TrimStart('@')}!");
        if (phrase.Length > 0) candidates.Add($"Can't stop reading \"{phrase}\" 😄");
        candidates.Add($"{Open(4)}!");

        return candidates.Distinct(StringComparer.Ordinal).Take(Math.Clamp(max, 1, 8)).ToList();
    }

    /// <summary>The hashtag the history mentions most (at least twice), without its '#'.</summary>
    private static string? HistoryTheme(CommentEvidence evidence) =>
        evidence.HistoryLines.SelectMany(line => Hashtag().Matches(line).Select(m => m.Value.TrimStart('#').ToLowerInvariant()))
            .GroupBy(t => t)
            .Where(g => g.Count() >= 2)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();

    private static string Phrase(string? text, int maxWords)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Take(maxWords)).Trim().TrimEnd('.', ',', '!', ':', ';').Replace('"', '\'');
    }

    private static readonly HashSet<string> Dangling = new(StringComparer.OrdinalIgnoreCase) { "with", "and", "the", "a", "an", "of", "to", "in", "on", "at", "for", "by", "my", "our" };

    // A phrase cut from a caption ("Sunday surf with @bob") should not end on a word that needs what was cut.
    private static string TrimDangling(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 0 && Dangling.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }

    [GeneratedRegex(@"#\w{2,30}")]
    private static partial Regex Hashtag();

    [GeneratedRegex(@"@[\w.]{1,30}")]
    private static partial Regex Mention();
}
