using System.Globalization;
using System.Text;
using System.Text.Json;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Stories;

namespace InstaIntel.Domain.History;

/// <summary>
/// Turns a profile's posts, stories and events into an ordered narrative and cuts it into chunks of about
/// <see cref="DefaultWordsPerChunk"/> words, the context comment generation reads. Pure: the same rows always give
/// the same chunks, so a rebuild that replaces the stored chunks is idempotent.
/// </summary>
public static class ProfileHistoryBuilder
{
    public const int DefaultWordsPerChunk = 500;

    /// <summary>Below this a chunk cannot hold one line with its time stamp and a few words.</summary>
    public const int MinWordsPerChunk = 20;

    /// <summary>Event kinds whose content the story and post entries already tell.</summary>
    private static readonly HashSet<string> CoveredEventKinds =
    [
        ProfileEventKinds.StoryUploaded, ProfileEventKinds.StoryViewed, ProfileEventKinds.StorySeen, ProfileEventKinds.StoryDownloaded,
        ProfileEventKinds.StoryAnalysisQueued, ProfileEventKinds.StoryAnalyzed, ProfileEventKinds.ProfilePostCaptured,
    ];

    /// <summary>The narrative's entries, oldest first (posts, then stories, then events at the same instant; then by id).</summary>
    public static IReadOnlyList<HistoryEntry> Entries(
        IEnumerable<InstagramProfilePost> posts, IEnumerable<InstagramStory> stories, IEnumerable<InstagramProfileEvent> events)
    {
        var entries = new List<HistoryEntry>();
        entries.AddRange(posts.Select(p => new HistoryEntry(p.TakenAt ?? p.CreatedAt, HistoryEntryKind.Post, p.Id, PostText(p))));
        var storyIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var story in stories)
        {
            storyIds.Add(story.StoryId);
            entries.Add(new HistoryEntry(story.TakenAt ?? story.CreatedAt, HistoryEntryKind.Story, story.Id, StoryText(story)));
        }
        foreach (var e in events)
        {
            // A story event's story is told by the story entry; other story events (an expired story) still count.
            if (CoveredEventKinds.Contains(e.Kind) && (e.Metadata?.StoryId is null || storyIds.Contains(e.Metadata.StoryId) || e.Kind == ProfileEventKinds.ProfilePostCaptured))
                continue;
            entries.Add(new HistoryEntry(e.OccurredAt ?? e.DetectedAt, HistoryEntryKind.Event, e.Id, EventText(e)));
        }
        return entries.OrderBy(e => e.At).ThenBy(e => e.Kind).ThenBy(e => e.SourceId).ToList();
    }

    /// <summary>
    /// Cuts ordered entries into chunks: an entry never splits, and a chunk is closed when the next entry would take it
    /// past <paramref name="wordsPerChunk"/> words. An entry longer than a whole chunk is cut to that length.
    /// </summary>
    public static IReadOnlyList<HistoryChunkDraft> Chunk(IReadOnlyList<HistoryEntry> entries, int wordsPerChunk = DefaultWordsPerChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wordsPerChunk, MinWordsPerChunk);
        var chunks = new List<HistoryChunkDraft>();
        var current = new List<(HistoryEntry Entry, string Line, int Words)>();
        var words = 0;
        foreach (var entry in entries)
        {
            var line = Line(entry, wordsPerChunk);
            var count = WordCount(line);
            if (current.Count > 0 && words + count > wordsPerChunk)
            {
                chunks.Add(Close(chunks.Count + 1, current));
                current.Clear();
                words = 0;
            }
            current.Add((entry, line, count));
            words += count;
        }
        if (current.Count > 0) chunks.Add(Close(chunks.Count + 1, current));
        return chunks;
    }

    /// <summary>The whole build: entries, then chunks.</summary>
    public static IReadOnlyList<HistoryChunkDraft> Build(
        IEnumerable<InstagramProfilePost> posts, IEnumerable<InstagramStory> stories, IEnumerable<InstagramProfileEvent> events,
        int wordsPerChunk = DefaultWordsPerChunk) =>
        Chunk(Entries(posts, stories, events), wordsPerChunk);

    public static int WordCount(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static HistoryChunkDraft Close(int sequence, List<(HistoryEntry Entry, string Line, int Words)> lines) =>
        new(sequence, string.Join('\n', lines.Select(l => l.Line)), lines.Sum(l => l.Words), lines.Count,
            lines.Min(l => l.Entry.At), lines.Max(l => l.Entry.At),
            lines.Count(l => l.Entry.Kind == HistoryEntryKind.Post), lines.Count(l => l.Entry.Kind == HistoryEntryKind.Story),
            lines.Count(l => l.Entry.Kind == HistoryEntryKind.Event));

    private static string Line(HistoryEntry entry, int maxWords)
    {
        var line = $"[{entry.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}] {entry.Text}";
        var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= maxWords ? line : string.Join(' ', words.Take(maxWords - 1)) + " …";
    }

    private static string PostText(InstagramProfilePost post)
    {
        var text = new StringBuilder($"Posted {post.Shortcode}");
        if (!string.IsNullOrWhiteSpace(post.Caption)) text.Append($": \"{Clean(post.Caption)}\"");
        text.Append('.');
        var ocr = post.Metadata?.OcrAnalysis?.OcrText;
        if (!string.IsNullOrWhiteSpace(ocr)) text.Append($" Text in the picture: \"{Clean(ocr)}\".");
        var faces = Number(post.Analysis?["face_count"]);
        if (faces > 0) text.Append(faces == 1 ? " 1 face." : $" {faces} faces.");
        AppendPeople(text, post.Analysis?["people"]);
        if (post.LikesCount > 0 || post.CommentsCount > 0) text.Append($" {post.LikesCount} likes, {post.CommentsCount} comments.");
        return text.ToString();
    }

    private static string StoryText(InstagramStory story)
    {
        var metadata = story.Metadata;
        var text = new StringBuilder($"Story ({story.MediaType ?? "image"})");
        var caption = metadata?.StoryPayload?.Caption;
        if (!string.IsNullOrWhiteSpace(caption)) text.Append($": \"{Clean(caption)}\"");
        text.Append('.');
        if (story.ProcessingStatus == StoryProcessingStatus.Pending) text.Append(" Not analysed yet.");
        var ocr = metadata?.OcrText;
        if (!string.IsNullOrWhiteSpace(ocr)) text.Append($" Text in it: \"{Clean(ocr)}\".");
        if (metadata?.FaceCount is > 0 and var faces) text.Append(faces == 1 ? " 1 face." : $" {faces} faces.");
        AppendPeople(text, metadata?.ProcessingMetadata?["people"]);
        var tags = (metadata?.Hashtags ?? []).Concat((metadata?.Mentions ?? []).Select(m => m.StartsWith('@') ? m : "@" + m)).ToList();
        if (tags.Count > 0) text.Append($" Tags: {string.Join(' ', tags)}.");
        return text.ToString();
    }

    private static string EventText(InstagramProfileEvent e)
    {
        var kind = e.Kind.Length == 0 ? "event" : e.Kind;
        var text = new StringBuilder(char.ToUpperInvariant(kind[0]) + kind[1..].Replace('_', ' '));
        var detail = e.Metadata?.ReplyComment ?? e.Metadata?.Reason;
        if (!string.IsNullOrWhiteSpace(detail)) text.Append($": \"{Clean(detail)}\"");
        return text.Append('.').ToString();
    }

    // People are the account's clusters, named by id: names are not known, recurring ids are what matters for context.
    private static void AppendPeople(StringBuilder text, System.Text.Json.Nodes.JsonNode? people)
    {
        if (people is not System.Text.Json.Nodes.JsonArray array || array.Count == 0) return;
        var ids = array.Select(Number).Where(id => id > 0).Distinct().ToList();
        if (ids.Count > 0) text.Append($" People: {string.Join(", ", ids.Select(id => $"person #{id}"))}.");
    }

    private static long Number(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace('"', '\'');
}
