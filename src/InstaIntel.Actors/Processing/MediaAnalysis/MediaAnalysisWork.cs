using System.Text.Json.Nodes;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Stories;

namespace InstaIntel.Actors.Processing.MediaAnalysis;

/// <summary>
/// The two stages of analysing one media: <see cref="ReadAsync"/> (blob, AI runner: inference or cache hit; runs several
/// at once) and <see cref="WriteAsync"/> (faces to people, outputs and state; one at a time, so people are never founded twice).
/// A media that fails is marked failed and handed to <paramref name="failed"/>, so it becomes a failure record.
/// </summary>
public sealed class MediaAnalysisWork(MediaAnalysisServices services, Stats stats, Action<MediaItem, Exception>? failed = null)
{
    public const string StoryPipelineVersion = "story_processing_v2";

    public async Task<MediaRead> ReadAsync(MediaItem item, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await services.Blobs.ReadAsync(item.BlobKey, cancellationToken);
            var category = item.MediaType == "video" ? AiApiCallCategory.VideoAnalysis : AiApiCallCategory.ImageAnalysis;
            // The blob key is the SHA-256 of the bytes: the media's fingerprint.
            var outcome = await services.Runner.RunAsync(new AiRequest(item.AccountId, item.AnalyzableType, item.Id, AiPurposes.MediaUnderstanding, category,
                item.BlobKey, bytes, item.MediaType), cancellationToken);
            return new MediaRead(item, outcome, MediaReading.FromJson(outcome.Analysis), null);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            return new MediaRead(item, null, null, error);
        }
    }

    public async Task WriteAsync(MediaRead read, CancellationToken cancellationToken)
    {
        var item = read.Item;
        if (read.Error is AiProvidersFailedException { RateLimited: true })
        {
            stats.Add("media_rate_limited", 1); // stays pending: the next run tries again
            return;
        }
        if (read.Error is { } error)
        {
            var message = $"{error.GetType().Name}: {error.Message}";
            await (item.Kind switch
            {
                MediaKind.Story => services.Stories.RecordFailedAsync(item.Id, message, cancellationToken),
                MediaKind.ProfilePost => services.Posts.RecordAnalysisFailedAsync(item.Id, message, FailedPipeline(item, message), cancellationToken),
                _ => services.Feed.RecordAnalysisFailedAsync(item.Id, message, cancellationToken),
            });
            stats.Add("media_failed", 1);
            failed?.Invoke(item, error);
            return;
        }

        var outcome = read.Outcome!;
        var reading = read.Reading!;
        stats.Add(outcome.CacheHit ? "cache_hits" : "inferences", 1);
        var usernames = reading.Mentions.Concat(TextSignals.Mentions(item.Caption)).Distinct().ToList();
        var faces = item is { Faces: { } source, ProfileId: { } profileId }
            ? await services.People.LinkAsync(item.AccountId, profileId, source, reading, item.SeenAt, usernames, cancellationToken)
            : new FaceLinkSummary(reading.Faces.Count, 0, reading.Faces.Count, 0, 0, null, []);
        stats.Add("faces", faces.Faces);
        stats.Add("people_founded", faces.Founded);
        stats.Add("people_merged", faces.Merged);
        var hashtags = reading.Hashtags.Concat(TextSignals.Hashtags(item.Caption)).Distinct().ToList();
        var path = reading.Video is null ? "image" : reading.Video.IsStatic ? "static_video" : "dynamic_video";
        var analysisMetadata = new JsonObject
        {
            ["ai_analysis_id"] = outcome.AiAnalysisId,
            ["cache_hit"] = outcome.CacheHit,
            ["cached_from_ai_analysis_id"] = outcome.CachedFromAiAnalysisId,
            ["provider"] = outcome.Provider,
            ["model"] = outcome.Model,
            ["people"] = new JsonArray(faces.People.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()),
        };
        if (reading.Video is { } video)
            analysisMetadata["video_processing"] = System.Text.Json.JsonSerializer.SerializeToNode(video, MediaReading.Json);

        if (item.Kind == MediaKind.FeedPost)
        {
            await FeedPostInsights.ProjectAsync(services, item, outcome, reading, hashtags, usernames, cancellationToken);
            stats.Add("feed_posts_analyzed", 1);
        }
        else if (item.Kind == MediaKind.Story)
        {
            await services.Stories.RecordProcessedAsync(item.Id, new StoryMetadata
            {
                OcrText = reading.OcrText,
                Mentions = usernames,
                Hashtags = hashtags,
                FaceCount = faces.Faces,
                LinkedFaceCount = faces.Linked,
                UnlinkedFaceCount = faces.Unlinked,
                MinMatchConfidence = faces.MinMatchSimilarity,
                ProcessingPath = path,
                PipelineVersion = StoryPipelineVersion,
                ContentUnderstanding = new ContentUnderstanding
                {
                    FaceCount = faces.Faces,
                    OcrText = reading.OcrText,
                    Mentions = usernames,
                    Hashtags = hashtags,
                    ProfileHandles = usernames,
                },
                ProcessingMetadata = analysisMetadata,
                LastProcessedAt = DateTime.UtcNow,
            }, cancellationToken);
            stats.Add("stories_analyzed", 1);
        }
        else
        {
            var now = DateTime.UtcNow;
            var analysis = analysisMetadata.DeepClone().AsObject();
            analysis["face_count"] = faces.Faces;
            analysis["ocr_text"] = reading.OcrText;
            analysis["hashtags"] = new JsonArray(hashtags.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray());
            analysis["mentions"] = new JsonArray(usernames.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray());
            await services.Posts.RecordAnalyzedAsync(item.Id, outcome.Provider, outcome.Model, analysis, new ProfilePostMetadata
            {
                AiPipeline = AnalysedPipeline(item, outcome, reading, faces, now),
                OcrAnalysis = new OcrAnalysis
                {
                    OcrText = reading.OcrText,
                    OcrBlocks = reading.OcrLines.Take(80).Select(l => new OcrBlock
                    {
                        Text = l.Text,
                        Confidence = Math.Round(l.Confidence, 4),
                        Bbox = new Domain.Common.BoundingBox { X1 = l.X1, Y1 = l.Y1, X2 = l.X2, Y2 = l.Y2 },
                        Source = LocalProvider.ProviderName,
                    }).ToList(),
                    Source = LocalProvider.ProviderName,
                    Reason = reading.OcrLines.Count == 0 ? "no_text_detected" : null,
                    UpdatedAt = now,
                },
                VideoProcessing = reading.Video is { } v ? new VideoProcessing
                {
                    ProcessingMode = v.IsStatic ? VideoProcessingMode.StaticImage : VideoProcessingMode.DynamicVideo,
                    Static = v.IsStatic,
                    SemanticRoute = v.IsStatic ? "image" : "video",
                    DurationSeconds = v.DurationSeconds,
                    HasAudio = v.HasAudio,
                    OcrText = reading.OcrText,
                    Hashtags = hashtags,
                    Mentions = usernames,
                    MediaFingerprint = item.BlobKey,
                    ExtractionProfile = MediaReading.SchemaVersion,
                    Cache = new VideoProcessingCache { Hit = outcome.CacheHit, Source = outcome.CacheHit ? "ai_analyses" : null, UpdatedAt = now },
                    UpdatedAt = now,
                } : null,
            }, cancellationToken);
            stats.Add("posts_analyzed", 1);
        }
    }

    private const string PipelineSource = "media_analysis";

    /// <summary>
    /// The post's <c>ai_pipeline</c> run for one local reading: the reading serves every media step at once, so each
    /// finishes with its part of the result and the finalizer consolidates them.
    /// </summary>
    private static AiPipeline AnalysedPipeline(MediaItem item, AiOutcome outcome, MediaReading reading, FaceLinkSummary faces, DateTime now)
    {
        var run = PostAiPipeline.Start(Guid.NewGuid().ToString("N"), item.MediaType == "video", PipelineSource, now);
        var results = new Dictionary<string, JsonObject>
        {
            [PostAiPipeline.Visual] = new() { ["provider"] = outcome.Provider, ["model"] = outcome.Model, ["cache_hit"] = outcome.CacheHit, ["ai_analysis_id"] = outcome.AiAnalysisId },
            [PostAiPipeline.Face] = new() { ["face_count"] = faces.Faces, ["linked"] = faces.Linked, ["founded"] = faces.Founded },
            [PostAiPipeline.Ocr] = new() { ["lines"] = reading.OcrLines.Count, ["text_length"] = reading.OcrText.Length },
        };
        if (reading.Video is { } video)
            results[PostAiPipeline.Video] = new() { ["static"] = video.IsStatic, ["duration_seconds"] = video.DurationSeconds };
        foreach (var step in run.RequiredSteps!.Where(s => s != PostAiPipeline.Metadata))
        {
            run = PostAiPipeline.StepStarted(run, step, now);
            run = results.TryGetValue(step, out var result)
                ? PostAiPipeline.StepSucceeded(run, step, result, now)
                : PostAiPipeline.StepSkipped(run, step, "no_output_for_this_media", now);
        }
        return PostAiPipeline.Finalize(run, now, StallTimeout).Run;
    }

    /// <summary>A reading that failed fails every media step with its error, and so the run.</summary>
    private static AiPipeline FailedPipeline(MediaItem item, string error)
    {
        var now = DateTime.UtcNow;
        var run = PostAiPipeline.Start(Guid.NewGuid().ToString("N"), item.MediaType == "video", PipelineSource, now);
        foreach (var step in run.RequiredSteps!.Where(s => s != PostAiPipeline.Metadata))
            run = PostAiPipeline.StepFailed(PostAiPipeline.StepStarted(run, step, now), step, error, now);
        return PostAiPipeline.Finalize(run, now, StallTimeout).Run;
    }

    /// <summary>A step running longer than this is failed by the finalizer (a reading takes seconds).</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromMinutes(10);
}
