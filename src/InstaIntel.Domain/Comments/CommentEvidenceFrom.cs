using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Stories;

namespace InstaIntel.Domain.Comments;

/// <summary>The evidence of a stored post or story: what media-analysis wrote on it, and the profile's history.</summary>
public static class CommentEvidenceFrom
{
    /// <param name="historyNotCurrentReason">null when the profile's history is current (<c>HistoryFreshness.NotCurrentReason</c>).</param>
    /// <param name="lastChunk">the content of the profile's newest history chunk.</param>
    public static CommentEvidence Post(InstagramProfilePost post, string? historyNotCurrentReason, int chunkCount, string? lastChunk) => new()
    {
        Caption = post.Caption,
        OcrText = post.Metadata?.OcrAnalysis?.OcrText ?? Text(post.Analysis?["ocr_text"]),
        FaceCount = (int)Number(post.Analysis?["face_count"]),
        People = Numbers(post.Analysis?["people"]),
        Hashtags = Texts(post.Analysis?["hashtags"]),
        Mentions = Texts(post.Analysis?["mentions"]),
        HistoryReady = historyNotCurrentReason is null,
        HistoryReasonCode = historyNotCurrentReason,
        HistoryChunkCount = chunkCount,
        HistoryLines = Lines(lastChunk),
    };

    public static CommentEvidence Story(InstagramStory story, string? historyNotCurrentReason, int chunkCount, string? lastChunk) => new()
    {
        Caption = story.Metadata?.StoryPayload?.Caption,
        OcrText = story.Metadata?.OcrText,
        FaceCount = story.Metadata?.FaceCount ?? 0,
        People = Numbers(story.Metadata?.ProcessingMetadata?["people"]),
        Hashtags = story.Metadata?.Hashtags ?? [],
        Mentions = story.Metadata?.Mentions ?? [],
        HistoryReady = historyNotCurrentReason is null,
        HistoryReasonCode = historyNotCurrentReason,
        HistoryChunkCount = chunkCount,
        HistoryLines = Lines(lastChunk),
    };

    private static IReadOnlyList<string> Lines(string? chunk) =>
        chunk?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static IReadOnlyList<string> Texts(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>().ToList() : [];

    private static IReadOnlyList<long> Numbers(JsonNode? node) =>
        node is JsonArray array ? array.Select(Number).Where(n => n > 0).ToList() : [];

    private static long Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
