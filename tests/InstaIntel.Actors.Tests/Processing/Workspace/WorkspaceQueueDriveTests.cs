using System.Security.Cryptography;
using System.Text.Json.Nodes;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Processing.Workspace;
using InstaIntel.Actors.Tests.Analysis;
using InstaIntel.Domain.Comments;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Security;
using InstaIntel.Domain.Stories;
using InstaIntel.Domain.Workspace;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Analysis;
using InstaIntel.Storage.Events;
using InstaIntel.Storage.History;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Tests.Processing.Workspace;

/// <summary>
/// The workspace queue driven run after run on both engines, with the local composer and the real MiniLM scoring:
/// posts go from queued through the waiting states to ready or failed with a reason, and a post blocked on its
/// profile's history resumes once the history is built. Analyses are written the way media-analysis writes them.
/// </summary>
[Collection(LocalAnalysisCollection.Name)]
public sealed class WorkspaceQueueDriveTests(LocalAnalysisFixture models)
{
    private static readonly WorkspaceSettings Settings = new() { RetryAfter = TimeSpan.FromMinutes(5), LockFor = TimeSpan.FromMinutes(10), MaxAttempts = 5 };

    private sealed record Bed(TestDatabase Database, long AccountId, long ProfileId, WorkspaceServices Services, ProfilePostRepository Posts,
        StoryRepository Stories, ProfileEventRepository Events, ProfileHistoryRepository History) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();

        public async Task<Stats> RunAsync(DateTime now)
        {
            var stats = new Stats();
            await new WorkspaceWork(Services, stats).RunAsync(AccountId, now, CancellationToken.None);
            return stats;
        }

        public async Task<InstagramProfilePost> PostAsync(string shortcode) => (await Posts.FindAsync(ProfileId, shortcode))!;

        public async Task<WorkspaceActions> StateAsync(string shortcode) => (await PostAsync(shortcode)).Metadata!.WorkspaceActions!;

        public Task<long> CaptureAsync(string shortcode, string caption, DateTime takenAt) => Posts.UpsertCapturedAsync(new InstagramProfilePost
        {
            InstagramAccountId = AccountId, InstagramProfileId = ProfileId, Shortcode = shortcode, Caption = caption, TakenAt = takenAt,
        });

        // What media-analysis writes for an analysed post (MediaAnalysisWork.WriteAsync).
        public async Task AnalyseAsync(long postId, string? ocr, int faces, params long[] people)
        {
            await Posts.AttachMediaAsync(postId, Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(postId))), "image/jpeg", 100);
            await Posts.RecordAnalyzedAsync(postId, "local", "local-onnx", new JsonObject
            {
                ["face_count"] = faces, ["ocr_text"] = ocr, ["people"] = new JsonArray(people.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
                ["hashtags"] = new JsonArray(), ["mentions"] = new JsonArray(),
            }, new ProfilePostMetadata { OcrAnalysis = new OcrAnalysis { OcrText = ocr } });
        }

        public async Task<(long StoryId, long EventId)> StoryAsync(string storyId, DateTime takenAt)
        {
            var storyEvent = await Events.RecordAsync(ProfileId, ProfileEventKinds.StoryDownloaded, $"story_downloaded:{storyId}", takenAt,
                new ProfileEventMetadata { StoryId = storyId });
            var id = await Stories.UpsertIngestedAsync(new InstagramStory
            {
                InstagramAccountId = AccountId, InstagramProfileId = ProfileId, StoryId = storyId, MediaType = "image", TakenAt = takenAt, SourceEventId = storyEvent.Id,
            });
            await Stories.AttachMediaAsync(id, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(storyId))), "image/jpeg", 100);
            return (id, storyEvent.Id);
        }
    }

    private async Task<Bed> StartAsync(DatabaseEngine engine)
    {
        var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var factory = database.Factory();
        var accounts = new AccountRepository(factory);
        await accounts.ProjectAsync(new Domain.Accounts.InstagramAccount { Username = "alice", ProjectedSequenceNr = 1 });
        var accountId = (await accounts.FindAsync("alice"))!.Id;
        long profileId;
        await using (var db = factory.Open())
            profileId = await db.InsertWithInt64IdentityAsync(new Domain.Profiles.InstagramProfile
            {
                InstagramAccountId = accountId, Username = "bob", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
        // Text generation needs no media models: the local composer is plain code.
        var runner = new AiRunner([new LocalProvider(null!)], new AiAnalysisRepository(factory), new AiApiCallRepository(factory),
            new AiProviderSettingRepository(factory, new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize))));
        var services = MediaAnalysisServices.CreateWorkspace(factory, runner, new TextEmbedder(models.Registry), new CommentGenerationOptions(), Settings);
        return new Bed(database, accountId, profileId, services, new ProfilePostRepository(factory), new StoryRepository(factory),
            new ProfileEventRepository(factory), new ProfileHistoryRepository(factory));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_post_of_a_profile_tagged_page_is_skipped_as_not_eligible_and_gets_no_suggestions(DatabaseEngine engine)
    {
        await using var bed = await StartAsync(engine);
        var post = await bed.CaptureAsync("SHOP", "New arrivals in store today #sale", DateTime.UtcNow.AddHours(-3));
        await bed.AnalyseAsync(post, "SALE 50%", faces: 0);
        await new ProfileRepository(bed.Database.Factory()).AddTagAsync(bed.ProfileId, Domain.Profiles.ProfileTag.WellKnown.Page);

        var stats = await bed.RunAsync(DateTime.UtcNow);

        var state = await bed.StateAsync("SHOP");
        Assert.Equal((WorkspaceActionStatus.SkippedPageProfile, (int?)null), (state.Status, state.SuggestionsCount));
        Assert.Equal(0, stats.ToImmutable().GetValueOrDefault("comments_generated"));
        Assert.Null((await bed.PostAsync("SHOP")).Analysis!["comment_suggestions"]);
        // Finished: the queue asks for no later look at it.
        Assert.Equal(0, stats.ToImmutable().GetValueOrDefault(WorkspaceWork.RecheckInSecondsStat));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Posts_go_from_queued_through_the_waiting_states_to_ready_or_failed_and_a_post_blocked_on_history_resumes_once_it_is_built(DatabaseEngine engine)
    {
        await using var bed = await StartAsync(engine);
        var taken = DateTime.UtcNow.AddDays(-1);
        var surf = await bed.CaptureAsync("SURF", "Dawn patrol at the point #surf", taken);               // no media yet
        var contest = await bed.CaptureAsync("CONTEST", "Finals day, wish us luck", taken.AddHours(1));  // analysed, waits for the history
        var blank = await bed.CaptureAsync("BLANK", "", taken.AddHours(2));                              // analysed, nothing seen in it
        var broken = await bed.CaptureAsync("BROKEN", "?", taken.AddHours(3));                           // its analysis failed
        await bed.AnalyseAsync(contest, "SURF CONTEST FINALS SATURDAY", faces: 2, 11, 12);
        await bed.AnalyseAsync(blank, null, faces: 0);
        await bed.Posts.AttachMediaAsync(broken, "0badf00d", "image/jpeg", 100);
        await bed.Posts.RecordAnalysisFailedAsync(broken, "InvalidDataException: not a picture");
        var (storyId, _) = await bed.StoryAsync("s1", taken.AddHours(-2));                               // stored, not analysed yet
        var t0 = DateTime.UtcNow;

        await bed.RunAsync(t0);

        Assert.Equal(WorkspaceActionStatus.WaitingMediaDownload, (await bed.StateAsync("SURF")).Status);
        var waiting = await bed.StateAsync("CONTEST");
        Assert.Equal((WorkspaceActionStatus.WaitingBuildHistory, t0 + Settings.RetryAfter), (waiting.Status, waiting.NextRunAt!.Value));
        Assert.Equal("the profile's history waits for 1 media to be analysed", waiting.LastError);
        Assert.Equal(("waiting", "media_pending_analysis"), ((await bed.PostAsync("CONTEST")).Metadata!.HistoryBuild!.Status, (await bed.PostAsync("CONTEST")).Metadata!.HistoryBuild!.ReasonCode));
        Assert.Equal(WorkspaceActionStatus.WaitingBuildHistory, (await bed.StateAsync("BLANK")).Status);
        var failed = await bed.StateAsync("BROKEN");
        Assert.Equal((WorkspaceActionStatus.Failed, "post_analysis_failed: InvalidDataException: not a picture"), (failed.Status, failed.LastError));
        Assert.Empty(await bed.History.ListAsync(bed.ProfileId));

        // Before their next run time nothing moves, even though the media arrived.
        await bed.Posts.AttachMediaAsync(surf, "feedbeef", "image/jpeg", 100);
        await bed.RunAsync(t0.AddMinutes(1));
        Assert.Equal(WorkspaceActionStatus.WaitingMediaDownload, (await bed.StateAsync("SURF")).Status);

        await bed.RunAsync(t0.AddMinutes(5));
        Assert.Equal(WorkspaceActionStatus.WaitingPostAnalysis, (await bed.StateAsync("SURF")).Status);
        Assert.Equal("the profile's history waits for 2 media to be analysed", (await bed.StateAsync("CONTEST")).LastError);

        // The story and the post are analysed: the history can be built and the blocked posts resume.
        await bed.AnalyseAsync(surf, "DAWN PATROL", faces: 1, 11);
        await bed.Stories.RecordProcessedAsync(storyId, new StoryMetadata { OcrText = "new board day", FaceCount = 1 });
        var stats = await bed.RunAsync(t0.AddMinutes(10));

        Assert.Equal(1, stats.Get("histories_built"));
        var chunk = Assert.Single(await bed.History.ListAsync(bed.ProfileId));
        Assert.Equal(5, chunk.EntryCount); // four posts and the story
        Assert.Contains("SURF CONTEST FINALS SATURDAY", chunk.Content);
        foreach (var shortcode in new[] { "CONTEST", "SURF" })
        {
            var post = await bed.PostAsync(shortcode);
            var state = post.Metadata!.WorkspaceActions!;
            Assert.Equal(WorkspaceActionStatus.Ready, state.Status);
            Assert.InRange(state.SuggestionsCount!.Value, 1, 8);
            Assert.Null(state.LockUntil);
            Assert.Equal(("completed", 1), (post.Metadata.HistoryBuild!.Status, post.Metadata.HistoryBuild.ChunkCount!.Value));
            Assert.Equal(CommentGenerationPolicyStatus.Enabled, post.Metadata.CommentGenerationPolicy!.Status);
            var suggestions = post.Analysis!["comment_suggestions"]!.AsArray();
            Assert.Equal(state.SuggestionsCount.Value, suggestions.Count);
            var scores = suggestions.Select(s => s!["score"]!.GetValue<double>()).ToList();
            Assert.All(scores, s => Assert.InRange(s, 0, 3));
            Assert.Equal(scores.OrderByDescending(s => s), scores);
        }
        Assert.Contains("SURF CONTEST FINALS SATURDAY", (await bed.PostAsync("CONTEST")).Analysis!["comment_suggestions"]![0]!["text"]!.GetValue<string>());
        var blocked = await bed.PostAsync("BLANK");
        Assert.Equal(WorkspaceActionStatus.Failed, blocked.Metadata!.WorkspaceActions!.Status);
        Assert.StartsWith("comment_generation_blocked: missing_visual_context", blocked.Metadata.WorkspaceActions.LastError);
        Assert.Equal(["visual_context"], blocked.Metadata.CommentGenerationPolicy!.MissingSignals!);

        // Finished posts stay finished: another run changes nothing and builds nothing.
        var again = await bed.RunAsync(t0.AddHours(1));
        Assert.Equal(0, again.Get("histories_built"));
        Assert.Equal(0, again.Get("workspace_posts_due"));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task An_analysed_story_gets_a_scored_comment_or_a_recorded_policy_block(DatabaseEngine engine)
    {
        await using var bed = await StartAsync(engine);
        var taken = DateTime.UtcNow.AddHours(-5);
        var (seen, seenEvent) = await bed.StoryAsync("seen", taken);
        var (empty, emptyEvent) = await bed.StoryAsync("empty", taken.AddMinutes(1));
        await bed.Stories.RecordProcessedAsync(seen, new StoryMetadata
        {
            OcrText = "Morning surf check", FaceCount = 1, Hashtags = ["#surf"], ProcessingMetadata = new JsonObject { ["people"] = new JsonArray(7) },
        });
        await bed.Stories.RecordProcessedAsync(empty, new StoryMetadata { FaceCount = 0 });

        var stats = (await bed.RunAsync(DateTime.UtcNow)).ToImmutable();

        Assert.Equal((1, 1, 1), (stats.GetValueOrDefault("histories_built"), stats.GetValueOrDefault("story_comments_generated"), stats.GetValueOrDefault("story_comments_blocked")));
        var done = (await bed.Events.FindAsync(seenEvent))!;
        Assert.Equal((LlmCommentStatus.Completed, 1, "local"), (done.LlmCommentStatus, done.LlmCommentAttempts, done.LlmCommentProvider));
        Assert.False(string.IsNullOrWhiteSpace(done.LlmGeneratedComment));
        Assert.Equal(done.LlmGeneratedComment, done.LlmCommentMetadata!.SelectedComment);
        Assert.InRange(done.LlmCommentRelevanceScore!.Value, 0.4, 3);
        Assert.Equal(done.LlmCommentRelevanceScore, done.LlmCommentMetadata.RankedCandidates![0]["score"]!.GetValue<double>());
        Assert.Equal(CommentGenerationPolicyStatus.Enabled, done.LlmCommentMetadata.CommentGenerationPolicy!.Status);
        Assert.NotNull(done.LlmCommentGeneratedAt);

        var skipped = (await bed.Events.FindAsync(emptyEvent))!;
        Assert.Equal((LlmCommentStatus.Skipped, (string?)null, "missing_visual_context"), (skipped.LlmCommentStatus, skipped.LlmGeneratedComment, skipped.LlmPendingReasonCode));
        Assert.Equal("policy_blocked", skipped.LlmCommentMetadata!.LocalStoryIntelligenceStatus);
        Assert.Equal(["visual_context"], skipped.LlmCommentMetadata.CommentGenerationPolicy!.MissingSignals!);

        // Done and skipped comments are not taken up again.
        var again = (await bed.RunAsync(DateTime.UtcNow)).ToImmutable();
        Assert.Equal(0, again.GetValueOrDefault("story_comments_generated") + again.GetValueOrDefault("story_comments_blocked"));
    }
}
