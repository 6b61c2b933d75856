using System.Text.RegularExpressions;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// The local, deterministic comment for a feed post until the AI comment generator takes over: it picks up the
/// caption's first hashtag or a word of it, so the same post always gets the same comment.
/// </summary>
public static partial class FeedCommentComposer
{
    private static readonly string[] Openers = ["Love this", "Great shot", "So good", "Beautiful", "This is lovely"];

    public static string? Compose(string? caption, string postId)
    {
        if (string.IsNullOrWhiteSpace(caption)) return null;
        var opener = Openers[(int)(StableHash(postId) % (uint)Openers.Length)];
        var hashtag = Hashtag().Match(caption);
        return hashtag.Success ? $"{opener}! {hashtag.Value} ✨" : $"{opener}!";
    }

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }

    [GeneratedRegex(@"#\w{2,30}")]
    private static partial Regex Hashtag();
}
