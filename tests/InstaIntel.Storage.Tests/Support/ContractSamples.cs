using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Stories;

namespace InstaIntel.Storage.Tests.Support;

/// <summary>
/// Fully populated instances of every JSON metadata contract: every declared property set to a non-default
/// value, so a property that fails to survive a round trip shows up as a difference.
/// </summary>
public static class ContractSamples
{
    private static readonly DateTime At = new(2026, 2, 20, 9, 30, 15, 250, DateTimeKind.Utc);

    public static BoundingBox Box { get; } = new() { X1 = 0.125, Y1 = 0.25, X2 = 0.5, Y2 = 0.875 };

    public static FaceEmbedding Embedding { get; } = new([0.1f, -0.25f, 0.333333f, 0.9999999f, -1f]);

    public static ProfilePostMetadata ProfilePost { get; } = new()
    {
        AiPipeline = new AiPipeline
        {
            RunId = "8b0c1b5e-0d7f-4c1e-9a52-2a7c0f4f1d10",
            Status = AiPipelineStatus.Completed,
            SourceJob = "analyze_profile_post",
            CreatedAt = At,
            UpdatedAt = At.AddSeconds(5),
            FinishedAt = At.AddSeconds(9),
            TaskFlags = new Dictionary<string, bool> { ["analyze_visual"] = true, ["run_ocr"] = false },
            RequiredSteps = ["visual", "metadata"],
            Steps = new Dictionary<string, AiPipelineStep>
            {
                ["visual"] = new()
                {
                    Status = AiPipelineStepStatus.Succeeded, Attempts = 2, QueueName = "ai_visual_queue", ActiveJobId = "job-1",
                    CreatedAt = At, StartedAt = At.AddSeconds(1), FinishedAt = At.AddSeconds(3),
                    Result = new JsonObject { ["provider"] = "local", ["cache_hit"] = false }, Error = "first attempt timed out",
                },
                ["ocr"] = new()
                {
                    Status = AiPipelineStepStatus.Skipped, Attempts = 0, QueueName = "ai_ocr_queue", ActiveJobId = "none",
                    CreatedAt = At, StartedAt = At, FinishedAt = At,
                    Result = new JsonObject { ["reason"] = "task_disabled" }, Error = "not required",
                },
            },
            Finalizer = new AiPipelineFinalizer { LockUntil = At.AddSeconds(13), LastStartedAt = At.AddSeconds(9), LastJobId = "job-9", LastAttempt = 3 },
            Details = new JsonObject { ["finalized_by"] = "finalizer", ["failed_steps"] = new JsonArray() },
        },
        WorkspaceActions = new WorkspaceActions
        {
            Status = WorkspaceActionStatus.WaitingPostAnalysis,
            RequestedBy = "coordinator",
            JobId = "job-w",
            QueueName = "workspace_actions_queue",
            Source = "workspace_refresh",
            LastEnqueuedAt = At,
            NextRunAt = At.AddMinutes(20),
            LockUntil = At.AddMinutes(10),
            LastError = "analysis still running",
            SuggestionsCount = 3,
            MediaDownloadRetryAttempts = 1,
            PostAnalysisRetryAttempts = 2,
            CommentGenerationRetryAttempts = 3,
            RetryExhausted = true,
            UpdatedAt = At,
        },
        CommentGenerationPolicy = new CommentGenerationPolicy
        {
            Status = CommentGenerationPolicyStatus.Blocked,
            RequiredSignals = ["image_description"],
            MissingSignals = ["ocr_text"],
            EnforceRequiredEvidence = true,
            HistoryReady = false,
            HistoryReasonCode = "latest_posts_not_analyzed",
            HistoryReason = "2 of the latest 20 posts are not analysed",
            BlockedReasonCode = "low_relevance_suggestions",
            BlockedReason = "no suggestion reached 1.1",
            EngagementClassification = new EngagementClassification
            {
                ContentType = "meme",
                Ownership = "reshare",
                SameProfileOwnerContent = false,
                EngagementSuitable = false,
                ReasonCodes = ["meme_markers", "external_handle"],
                Summary = "a reshared meme",
                ContentSignalScore = 1.5,
                ContentSignalThreshold = 3,
                DetectedExternalHandles = ["@someone"],
                SourceOwnerUsername = "someone",
                HashtagCount = 4,
                MentionCount = 1,
                ProfileTags = ["friend"],
            },
            Relevance = new JsonObject { ["top_score"] = 0.9, ["min_score"] = 1.1 },
            UpdatedAt = At,
        },
        HistoryBuild = new HistoryBuild
        {
            FaceRefresh = new FaceRefresh
            {
                Status = "failed", QueuedAt = At, RequestedBy = "build_history", ActiveJobId = "job-f",
                StartedAt = At.AddSeconds(1), FinishedAt = At.AddSeconds(2), ErrorClass = "TimeoutException", ErrorMessage = "face service timed out",
            },
            Status = "waiting",
            ReasonCode = "history_stale",
            ProfileHistoryBuiltAt = At.AddMinutes(-5),
            ChunkCount = 3,
            UpdatedAt = At,
        },
        OcrAnalysis = new OcrAnalysis
        {
            OcrText = "Sunday brunch @cafe",
            OcrBlocks = [new OcrBlock { Text = "Sunday brunch", Confidence = 0.93, Bbox = Box, Source = "ppocr_v4" }],
            Source = "local_microservice",
            Reason = "text_found",
            ErrorMessage = "second tile unreadable",
            UpdatedAt = At,
        },
        VideoProcessing = new VideoProcessing
        {
            Skipped = true,
            Reason = "video_step_failed_fallback_to_visual_metadata",
            ProcessingMode = VideoProcessingMode.DynamicVideo,
            Static = false,
            SemanticRoute = "video",
            DurationSeconds = 12.5,
            HasAudio = true,
            Transcript = "hello there",
            Topics = ["travel"],
            Objects = ["beach"],
            Scenes = ["outdoor"],
            Hashtags = ["#sea"],
            Mentions = ["@friend"],
            ProfileHandles = ["friend"],
            OcrText = "SALE",
            ContextSummary = "a day at the beach",
            MediaFingerprint = "sha256:abc",
            ExtractionProfile = "lightweight_v1",
            Cache = new VideoProcessingCache { Hit = true, Source = "post_metadata_video_processing", UpdatedAt = At },
            Fallback = new VideoProcessingFallback { Applied = true, Reason = "video_failed", ReusedExistingContext = true, PreviousError = "ffmpeg exited 1", AppliedAt = At },
            UpdatedAt = At,
        },
    };

    public static ProfileEventMetadata ProfileEvent { get; } = new()
    {
        Source = "home_story_tray",
        StoryId = "3141592653",
        StoryRef = "3141592653_42",
        StoryUrl = "https://www.instagram.com/stories/friend/3141592653/",
        OwnerUsername = "friend",
        OwnerIgUserId = "42",
        MediaType = "video",
        MediaUrl = "https://cdn.example/v.mp4",
        ImageUrl = "https://cdn.example/i.jpg",
        VideoUrl = "https://cdn.example/v.mp4",
        MediaWidth = 1080,
        MediaHeight = 1920,
        MediaContentType = "video/mp4",
        MediaBytes = 3_500_000_000,
        DownloadedAt = At,
        ReusedLocalCache = true,
        Status = "downloaded",
        Reason = "new_story",
        SkipReason = "none",
        RetryAfterAt = At.AddHours(12),
        ReplyComment = "love this!",
        LocalStoryIntelligence = new JsonObject { ["topics"] = new JsonArray("beach") },
        ValidatedStoryInsights = new JsonObject { ["ownership"] = "owned_by_profile" },
        StoryGenerationPolicy = new JsonObject { ["allow_comment"] = true },
        FaceIdentity = new JsonObject { ["primary_person_id"] = 7 },
    };

    public static LlmCommentMetadata LlmComment { get; } = new()
    {
        ProcessingStages = new Dictionary<string, LlmProcessingStage>
        {
            ["llm_generation"] = new() { State = "completed", Progress = 90, Message = "generated 5", UpdatedAt = At },
        },
        ProcessingLog = [new LlmProcessingLogEntry { At = At, Stage = "queue_wait", State = "completed", Message = "claimed" }],
        ParallelPipeline = new LlmParallelPipeline
        {
            RunId = "run-1",
            Status = "completed",
            Provider = "local",
            Model = "llama3.2:3b",
            RequestedBy = "story_analysis_auto_queue",
            ResumeMode = "resume_incomplete",
            ResumedFromRunId = "run-0",
            Steps = new Dictionary<string, JsonObject> { ["face_recognition"] = new() { ["status"] = "succeeded" } },
            SharedPayload = new JsonObject { ["topics"] = new JsonArray("beach") },
            Generation = new LlmGeneration { Status = "completed", StartedAt = At, FinishedAt = At.AddSeconds(4), ActiveJobId = "job-g", Error = "retried once" },
            Heartbeat = At.AddSeconds(4),
        },
        ProfileCommentPreparation = new JsonObject { ["ready"] = true },
        LastFailure = new JsonObject { ["error"] = "timeout" },
        ResourceGuardDefer = new JsonObject { ["attempts"] = 1 },
        TimeoutResume = new JsonObject { ["count"] = 0 },
        LocalStoryIntelligenceStatus = "ok",
        Pipeline = "validated_story_intelligence_v3",
        Source = "ollama",
        Prompt = "write a short reply",
        FallbackUsed = true,
        RankedCandidates = [new JsonObject { ["comment"] = "so fun!", ["relevance_score"] = 2.1 }],
        SelectedComment = "so fun!",
        SelectedRelevanceScore = 2.1,
        AutoPostAllowed = true,
        ManualReviewReason = "low_relevance_manual_review",
        ProcessingMs = 4321,
        // The same contract as a post's (declared above, so already initialised).
        CommentGenerationPolicy = ProfilePost.CommentGenerationPolicy,
    };

    public static StoryMetadata Story { get; } = new()
    {
        StoryPayload = new StoryPayload { Caption = "beach day", Permalink = "https://www.instagram.com/stories/friend/1/" },
        MediaFilename = "story.mp4",
        MediaContentType = "video/mp4",
        MediaBytes = 1234567,
        DuplicateStoryStoragePrevented = true,
        IngestedAt = At,
        OcrText = "SUMMER",
        LocationTags = ["Lisbon"],
        ContentSignals = ["outdoor"],
        Mentions = ["@friend"],
        Hashtags = ["#summer"],
        Transcript = "waves",
        FaceCount = 2,
        LinkedFaceCount = 1,
        UnlinkedFaceCount = 1,
        MinMatchConfidence = 0.86,
        ProcessingPath = "dynamic_video",
        GeneratedResponseSuggestions = ["looks amazing"],
        ContentUnderstanding = new ContentUnderstanding
        {
            Objects = ["surfboard"],
            FaceCount = 2,
            Locations = ["beach"],
            OcrText = "SUMMER",
            Transcript = "waves",
            Sentiment = "positive",
            Topics = ["surfing"],
            Mentions = ["@friend"],
            Hashtags = ["#summer"],
            ProfileHandles = ["friend"],
            Scenes = ["seaside"],
        },
        PipelineVersion = "story_processing_v2",
        ProcessingMetadata = new JsonObject { ["frames"] = 6 },
        LastProcessedAt = At,
        FaceIdentity = new JsonObject { ["confirmed"] = true },
        ParticipantSummary = "the owner and one friend",
        ProcessingError = "frame 7 unreadable",
        FailedAt = At,
    };

    public static StoryPersonMetadata StoryPerson { get; } = new()
    {
        Source = "auto_cluster",
        ObservationSignatures = ["story:1:0:0.0:10:20:110:140"],
        ObservationSignaturesCount = 1,
        LastObservationSignature = "story:1:0:0.0:10:20:110:140",
        IdentityConfidence = 0.412,
        EmbeddingVersion = "face-embedder@0123456789ab",
        LinkedUsernames = ["friend"],
        FaceAttributes = new FaceAttributes
        {
            GenderCounts = new Dictionary<string, int> { ["female"] = 3 },
            PrimaryGenderCue = "female",
            AgeRangeCounts = new Dictionary<string, int> { ["young_adult"] = 3 },
            PrimaryAgeRange = "young_adult",
            AgeSamples = [24.5, 26],
            AgeEstimate = 25.3,
            LastObservedAt = At,
        },
        PrimaryIdentity = new PrimaryIdentity { Confirmed = true, DominanceRatio = 0.66, AppearanceCount = 4, UpdatedAt = At },
        Relationship = "frequent_collaborator",
        CoAppearancesWithPrimary = 3,
        RelationshipUpdatedAt = At,
        UserFeedback = new UserFeedback { RealPersonStatus = "confirmed_real_person", LastAction = "confirm", UpdatedAt = At },
        MergedIntoPersonId = 99,
        MatchingDisabledReason = "merged",
    };

    /// <summary>A sample for a JSON-mapped property type; free-form objects and string lists name their column.</summary>
    public static object For(Type type, string column) => type switch
    {
        _ when type == typeof(ProfilePostMetadata) => ProfilePost,
        _ when type == typeof(ProfileEventMetadata) => ProfileEvent,
        _ when type == typeof(LlmCommentMetadata) => LlmComment,
        _ when type == typeof(StoryMetadata) => Story,
        _ when type == typeof(StoryPersonMetadata) => StoryPerson,
        _ when type == typeof(BoundingBox) => Box,
        _ when type == typeof(FaceEmbedding) => Embedding,
        _ when type == typeof(JsonObject) => new JsonObject { ["column"] = column, ["nested"] = new JsonObject { ["n"] = 1.5, ["list"] = new JsonArray(1, "two") } },
        _ when type == typeof(IReadOnlyList<string>) => new List<string> { column, "second" },
        _ => throw new InvalidOperationException($"no JSON sample for {type.Name}; add one to {nameof(ContractSamples)}"),
    };

    /// <summary>Every top-level contract the seed indexes, by the name the tests report.</summary>
    public static IReadOnlyDictionary<string, IJsonContract> All { get; } = new Dictionary<string, IJsonContract>
    {
        ["instagram_profile_posts.metadata"] = ProfilePost,
        ["instagram_profile_events.metadata"] = ProfileEvent,
        ["instagram_profile_events.llm_comment_metadata"] = LlmComment,
        ["instagram_stories.metadata"] = Story,
        ["instagram_story_people.metadata"] = StoryPerson,
        ["faces.bounding_box"] = Box,
        ["faces.embedding"] = Embedding,
    };
}
