using System.Text.Json.Nodes;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Domain.Insights;
using InstaIntel.Storage.Insights;

namespace InstaIntel.Actors.Processing.MediaAnalysis;

/// <summary>
/// A feed post's analysis projected into <c>instagram_post_insights</c> and <c>instagram_post_entities</c> (linked by
/// <c>ai_analysis_id</c>; a cache hit is a new analysis and projects again): a description from what was read, the
/// hashtags as topics, the text as evidence; entities for hashtags, mentions, lines of text and the faces counted.
/// </summary>
public static class FeedPostInsights
{
    public static async Task ProjectAsync(MediaAnalysisServices services, MediaItem item, AiOutcome outcome, MediaReading reading,
        IReadOnlyList<string> hashtags, IReadOnlyList<string> mentions, CancellationToken cancellationToken)
    {
        var description = Describe(reading);
        var confidences = reading.Faces.Select(f => (double)f.Confidence).Concat(reading.OcrLines.Select(l => (double)l.Confidence)).ToList();
        var summary = new JsonObject
        {
            ["ai_analysis_id"] = outcome.AiAnalysisId,
            ["cache_hit"] = outcome.CacheHit,
            ["cached_from_ai_analysis_id"] = outcome.CachedFromAiAnalysisId,
            ["description"] = description,
            ["face_count"] = reading.Faces.Count,
            ["ocr_text"] = reading.OcrText,
            ["hashtags"] = new JsonArray(hashtags.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray()),
            ["mentions"] = new JsonArray(mentions.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
        };
        var inCaption = TextSignals.Hashtags(item.Caption).Concat(TextSignals.Mentions(item.Caption)).ToHashSet();
        var entities = new List<PostEntityDraft>();
        entities.AddRange(hashtags.Select(h => new PostEntityDraft("hashtag", h, 1, null, inCaption.Contains(h) ? "caption" : "ocr")));
        entities.AddRange(mentions.Select(m => new PostEntityDraft("mention", m, 1, null, inCaption.Contains(m) ? "caption" : "ocr")));
        entities.AddRange(reading.OcrLines.Select(l => new PostEntityDraft("ocr_text", l.Text, Math.Round(l.Confidence, 4), l.Text, "ocr", $"frame:{l.Frame}")));
        if (reading.Faces.Count > 0)
            entities.Add(new PostEntityDraft("face_count", reading.Faces.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Math.Round(reading.Faces.Average(f => f.Confidence), 4), null, "faces"));

        await services.Insights.ProjectAsync(new InstagramPostInsight
        {
            AiAnalysisId = outcome.AiAnalysisId,
            InstagramAccountId = item.AccountId,
            InstagramPostId = item.Id,
            ImageDescription = description,
            Topics = hashtags,
            Confidence = confidences.Count == 0 ? null : Math.Round(confidences.Average(), 4),
            Evidence = reading.OcrText.Length > 0 ? reading.OcrText : null,
            RawAnalysis = summary,
        }, entities, cancellationToken);
        await services.Feed.RecordAnalyzedAsync(item.Id, outcome.Provider, outcome.Model, summary, cancellationToken);
    }

    /// <summary>What the local analysers can say without labels: people, text, motion.</summary>
    public static string Describe(MediaReading reading)
    {
        var parts = new List<string>
        {
            reading.Faces.Count switch { 0 => "no face", 1 => "1 face", var n => $"{n} faces" },
        };
        if (reading.OcrText.Length > 0)
            parts.Add($"text: {(reading.OcrText.Length > 200 ? reading.OcrText[..200] : reading.OcrText).Replace('\n', ' ')}");
        if (reading.Video is { } video)
            parts.Add(video.IsStatic ? "static video" : "moving video");
        return string.Join("; ", parts);
    }
}
