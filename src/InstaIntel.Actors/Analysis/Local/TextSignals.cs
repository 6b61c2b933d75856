using System.Text.RegularExpressions;

namespace InstaIntel.Actors.Analysis.Local;

/// <summary>Hashtags and @handles in text read from a picture or a caption (lower-cased, unique, in order).</summary>
public static partial class TextSignals
{
    // Instagram handles: letters, digits, '.', '_', at most 30; a trailing dot ends a sentence, not the handle.
    [GeneratedRegex(@"(?<![\w@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)")]
    private static partial Regex Handle();

    [GeneratedRegex(@"(?<![\w#])#(\w{1,100})")]
    private static partial Regex Hashtag();

    public static IReadOnlyList<string> Mentions(string? text) => Matches(Handle(), text);

    public static IReadOnlyList<string> Hashtags(string? text) => Matches(Hashtag(), text);

    private static IReadOnlyList<string> Matches(Regex pattern, string? text) =>
        string.IsNullOrEmpty(text) ? [] : pattern.Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().ToList();
}
