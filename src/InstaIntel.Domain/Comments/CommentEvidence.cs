namespace InstaIntel.Domain.Comments;

/// <summary>
/// What is known about one media when a comment is written for it: its caption, what the analysers read in it (text,
/// faces, the people they belong to), and the profile's history. The local composer and the relevance scorer use
/// nothing else, so the same evidence always gives the same suggestions and scores.
/// </summary>
public sealed record CommentEvidence
{
    public string? Caption { get; init; }
    public string? OcrText { get; init; }
    public int FaceCount { get; init; }
    /// <summary>Ids of the account's people the faces were linked to.</summary>
    public IReadOnlyList<long> People { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<string> Mentions { get; init; } = [];

    /// <summary>Whether the profile's history is built and current.</summary>
    public bool HistoryReady { get; init; }
    /// <summary>Why the history is not ready (history_not_built, history_stale, history_empty).</summary>
    public string? HistoryReasonCode { get; init; }
    public int HistoryChunkCount { get; init; }
    /// <summary>The newest lines of the profile's narrative (the last chunk), oldest first.</summary>
    public IReadOnlyList<string> HistoryLines { get; init; } = [];

    /// <summary>Something was seen in the media itself: a face or text. A caption alone is not visual context.</summary>
    public bool HasVisualContext => FaceCount > 0 || !string.IsNullOrWhiteSpace(OcrText);

    public bool HasHistory => HistoryReady && HistoryChunkCount > 0;

    /// <summary>
    /// The evidence as prefixed lines (<c>caption: ...</c>, <c>ocr: ...</c>, <c>faces: 2</c>, ...): what a provider is
    /// given (<c>AiRequest.Evidence</c>), readable by a chat model and parsed back by <see cref="FromLines"/>.
    /// </summary>
    public IReadOnlyList<string> ToLines()
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(Caption)) lines.Add($"caption: {OneLine(Caption)}");
        if (!string.IsNullOrWhiteSpace(OcrText)) lines.Add($"ocr: {OneLine(OcrText)}");
        if (FaceCount > 0) lines.Add($"faces: {FaceCount}");
        lines.AddRange(People.Select(p => $"person: {p}"));
        lines.AddRange(Hashtags.Select(h => $"hashtag: {h}"));
        lines.AddRange(Mentions.Select(m => $"mention: {m}"));
        lines.AddRange(HistoryLines.Select(h => $"history: {OneLine(h)}"));
        return lines;
    }

    /// <summary>Reads lines written by <see cref="ToLines"/>; unknown lines are ignored.</summary>
    public static CommentEvidence FromLines(IEnumerable<string> lines)
    {
        string? caption = null, ocr = null;
        var faces = 0;
        List<long> people = [];
        List<string> hashtags = [], mentions = [], history = [];
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "caption": caption = value; break;
                case "ocr": ocr = value; break;
                case "faces": _ = int.TryParse(value, out faces); break;
                case "person" when long.TryParse(value, out var id): people.Add(id); break;
                case "hashtag": hashtags.Add(value); break;
                case "mention": mentions.Add(value); break;
                case "history": history.Add(value); break;
            }
        }
        return new CommentEvidence
        {
            Caption = caption, OcrText = ocr, FaceCount = faces, People = people, Hashtags = hashtags, Mentions = mentions,
            HistoryLines = history, HistoryReady = history.Count > 0, HistoryChunkCount = history.Count > 0 ? 1 : 0,
        };
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
