using System.Security.Cryptography;
using Akka.Actor;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Tests.Analysis;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Processing;
using InstaIntel.Domain.Security;
using InstaIntel.Domain.Stories;
using InstaIntel.Intelligence.People;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Analysis;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Feed;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// The media-analysis child on stored stories and a post whose media are dlib's real photos, with the real ONNX models,
/// on both engines: faces and people rows, analyses and calls, and a repeat that runs no inference.
/// </summary>
[Collection(LocalAnalysisCollection.Name)]
public sealed class MediaAnalysisSpec(LocalAnalysisFixture models) : Akka.TestKit.Xunit2.TestKit
{
    private sealed class Bed : IAsyncDisposable
    {
        public required TestDatabase Database { get; init; }
        public required string BlobFolder { get; init; }
        public required BlobStore Blobs { get; init; }
        public required CountingProvider Local { get; init; }
        public required MediaAnalysisServices Services { get; init; }
        public long AccountId { get; set; }
        public long ProfileId { get; set; }

        public async ValueTask DisposeAsync()
        {
            await Database.DisposeAsync();
            Directory.Delete(BlobFolder, recursive: true);
        }
    }

    /// <param name="around">wraps the real local provider, e.g. to hold its calls.</param>
    private async Task<Bed> StartAsync(DatabaseEngine engine, Func<IAiProvider, IAiProvider>? around = null)
    {
        var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var factory = database.Factory();
        var folder = Directory.CreateTempSubdirectory("instaintel-blobs").FullName;
        var blobs = new BlobStore(new BlobOptions { Path = folder });
        IAiProvider provider = new LocalProvider(models.Analyser);
        var local = new CountingProvider(around?.Invoke(provider) ?? provider);
        var runner = new AiRunner([local], new AiAnalysisRepository(factory), new AiApiCallRepository(factory),
            new AiProviderSettingRepository(factory, new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize))));
        var bed = new Bed
        {
            Database = database, BlobFolder = folder, Blobs = blobs, Local = local,
            Services = MediaAnalysisServices.Create(factory, blobs, runner, new PeopleClusteringOptions()),
        };
        var accounts = new AccountRepository(factory);
        await accounts.ProjectAsync(new InstagramAccount { Username = "alice", ProjectedSequenceNr = 1 });
        bed.AccountId = (await accounts.FindAsync("alice"))!.Id;
        bed.ProfileId = await new ProfileRepository(factory).UpsertAsync(new ProfileSnapshot(bed.AccountId, "bob"));
        return bed;
    }

    private static async Task<long> StoryAsync(Bed bed, string storyId, byte[] media)
    {
        var stories = new StoryRepository(bed.Database.Factory());
        var id = await stories.UpsertIngestedAsync(new InstagramStory
        {
            InstagramAccountId = bed.AccountId, InstagramProfileId = bed.ProfileId, StoryId = storyId, MediaType = "image", TakenAt = DateTime.UtcNow,
        });
        var (key, _) = await bed.Blobs.PutAsync(media);
        await stories.AttachMediaAsync(id, key, "image/jpeg", media.Length);
        return id;
    }

    private PhaseSucceeded Run(IActorRef child)
    {
        var runId = Guid.NewGuid();
        child.Tell(new StartPhase(runId, Phase.WorkspaceActions, "alice", null, "test"));
        var done = FishForMessage<IPhaseMessage>(m => m is PhaseSucceeded or PhaseFailed, TimeSpan.FromSeconds(300));
        var succeeded = Assert.IsType<PhaseSucceeded>(done);
        Assert.Equal(runId, succeeded.RunId);
        return succeeded;
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Stored_media_get_faces_linked_to_people_and_a_repeat_runs_no_inference(DatabaseEngine engine)
    {
        await using var bed = await StartAsync(engine);
        var bald = await File.ReadAllBytesAsync(TestAssets.BaldGuys);
        var salley = TestAssets.Johns().Where(j => j.Person == "John_Salley").Select(j => j.File).ToList();
        var groupStory = await StoryAsync(bed, "s1", bald);
        var johnStory = await StoryAsync(bed, "s2", await File.ReadAllBytesAsync(salley[0]));
        await StoryAsync(bed, "s3", await File.ReadAllBytesAsync(salley[1]));
        var repost = await StoryAsync(bed, "s4", bald);
        var dogStory = await StoryAsync(bed, "s5", await File.ReadAllBytesAsync(TestAssets.Negatives()[0]));
        var brokenStory = await StoryAsync(bed, "s6", "not a picture at all"u8.ToArray());
        var postMedia = await File.ReadAllBytesAsync(salley[2]);
        var postId = await new ProfilePostRepository(bed.Database.Factory()).UpsertCapturedAsync(new InstagramProfilePost
        {
            InstagramAccountId = bed.AccountId, InstagramProfileId = bed.ProfileId, Shortcode = "P1", Caption = "with @Friend.One #tbt",
        });
        var (postKey, _) = await bed.Blobs.PutAsync(postMedia);
        await using var db = bed.Database.Factory().Open();
        await db.InstagramProfilePosts.Where(p => p.Id == postId).Set(p => p.MediaBlobKey, postKey).Set(p => p.MediaContentType, "image/jpeg").UpdateAsync();

        var child = ChildHarness.Spawn(Sys, MediaAnalysisActor.Props(bed.Services, new MediaAnalysisSettings { BatchSize = 50, Parallelism = 2 }, TimeSpan.FromSeconds(1)),
            AccountWorkers.MediaAnalysis, TestActor);
        var first = Run(child);

        // Six distinct media read once each (the broken one fails); the repost of the group photo is a cache hit.
        Assert.Equal((5, 1, 5, 1, 1), (first.Stats["stories_analyzed"], first.Stats["posts_analyzed"], first.Stats["inferences"], first.Stats["cache_hits"], first.Stats["media_failed"]));
        Assert.Equal(6, bed.Local.Calls);
        var calls = await db.AiApiCalls.ToListAsync();
        Assert.Equal((5, 1), (calls.Count(c => c.Status == AiApiCallStatus.Succeeded), calls.Count(c => c.Status == AiApiCallStatus.Failed)));

        var groupFaces = await db.InstagramStoryFaces.Where(f => f.InstagramStoryId == groupStory).ToListAsync();
        Assert.Equal(24, groupFaces.Count);
        Assert.All(groupFaces, f => Assert.NotNull(f.InstagramStoryPersonId));
        Assert.Equal(4, groupFaces.Select(f => f.InstagramStoryPersonId).Distinct().Count());
        Assert.All(groupFaces, f => Assert.True(f.DetectorConfidence >= 0.8 && f.Embedding!.Dimensions == 512 && f.EmbeddingVersion!.StartsWith("face-embedder@")));
        var people = await db.InstagramStoryPeople.Where(p => p.InstagramProfileId == bed.ProfileId).ToListAsync();
        Assert.Equal(5, people.Count); // the four bald men and John Salley
        var john = Assert.Single(await db.InstagramStoryFaces.Where(f => f.InstagramStoryId == johnStory).ToListAsync()).InstagramStoryPersonId!.Value;
        Assert.Equal(john, Assert.Single(await db.InstagramPostFaces.Where(f => f.InstagramProfilePostId == postId).ToListAsync()).InstagramStoryPersonId);
        var appearances = people.ToDictionary(p => p.Id, p => p.AppearanceCount);
        Assert.Equal(3, appearances[john]);
        Assert.All(people.Where(p => p.Id != john), p => Assert.Equal(12, p.AppearanceCount)); // 6 in the photo, twice (the repost)
        Assert.All(people, p => Assert.Equal(p.AppearanceCount, p.Metadata!.ObservationSignatures!.Count));
        Assert.Contains("friend.one", people.Single(p => p.Id == john).Metadata!.LinkedUsernames!);
        Assert.Empty(await db.InstagramStoryFaces.Where(f => f.InstagramStoryId == dogStory).ToListAsync());

        var stories = (await db.InstagramStories.ToListAsync()).ToDictionary(s => s.Id);
        Assert.Equal((StoryProcessingStatus.Processed, 24, 24, "image"),
            (stories[groupStory].ProcessingStatus, stories[groupStory].Metadata!.FaceCount!.Value, stories[groupStory].Metadata!.LinkedFaceCount!.Value, stories[groupStory].Metadata!.ProcessingPath));
        Assert.NotNull(stories[groupStory].ProcessedAt);
        Assert.Equal(0, stories[dogStory].Metadata!.FaceCount);
        Assert.Equal(StoryProcessingStatus.Failed, stories[brokenStory].ProcessingStatus);
        Assert.Contains("AiProvidersFailedException", stories[brokenStory].Metadata!.ProcessingError);
        Assert.True(stories[repost].Metadata!.ProcessingMetadata!["cache_hit"]!.GetValue<bool>());
        var post = await db.InstagramProfilePosts.SingleAsync(p => p.Id == postId);
        Assert.Equal((ProfilePostAiStatus.Analyzed, "local"), (post.AiStatus, post.AiProvider));
        Assert.NotNull(post.Metadata!.OcrAnalysis);
        // Its ai_pipeline run: every media step succeeded with its part, metadata consolidated them, the run id on the row.
        var pipeline = post.Metadata.AiPipeline!;
        Assert.Equal((AiPipelineStatus.Completed, pipeline.RunId), (pipeline.Status, post.AiPipelineRunId));
        Assert.Equal(["visual", "face", "ocr", "metadata"], pipeline.RequiredSteps);
        Assert.All(pipeline.Steps!.Values, step => Assert.Equal(AiPipelineStepStatus.Succeeded, step.Status));
        Assert.True((int)pipeline.Steps["face"].Result!["face_count"]! >= 1, "John Salley's post has his face");
        Assert.Equal((int)pipeline.Steps["face"].Result!["face_count"]!, (int)pipeline.Steps["metadata"].Result!["face"]!["face_count"]!);
        Assert.Equal(7, await db.AiAnalyses.CountAsync());

        // Everything analysed again: every read is a cache hit, no model runs, no call is made, nothing is counted twice.
        await db.InstagramStories.Where(s => s.Id != brokenStory).Set(s => s.ProcessingStatus, StoryProcessingStatus.Pending).UpdateAsync();
        await db.InstagramProfilePosts.Set(p => p.AiStatus, ProfilePostAiStatus.Pending).UpdateAsync();
        var second = Run(child);

        Assert.Equal((6, 0), (second.Stats["cache_hits"], second.Stats.GetValueOrDefault("inferences")));
        Assert.Equal(6, bed.Local.Calls);
        Assert.Equal(6, await db.AiApiCalls.CountAsync());
        Assert.Equal(13, await db.AiAnalyses.CountAsync());
        Assert.Equal(5, await db.AiAnalyses.CountAsync(a => !a.CacheHit && a.Status == AiAnalysisStatus.Completed));
        Assert.Equal(24, await db.InstagramStoryFaces.CountAsync(f => f.InstagramStoryId == groupStory && f.InstagramStoryPersonId != null));
        var again = await db.InstagramStoryPeople.Where(p => p.InstagramProfileId == bed.ProfileId).ToListAsync();
        Assert.Equal(appearances, again.ToDictionary(p => p.Id, p => p.AppearanceCount));
        Assert.Equal(0, second.Stats["stories_pending_analysis"]);
    }

    [Fact]
    public async Task An_aborted_run_holds_its_node_slot_until_the_analyses_already_under_way_end()
    {
        GatedProvider gated = null!;
        await using var bed = await StartAsync(DatabaseEngine.Sqlite, local => gated = new GatedProvider(local));
        foreach (var (john, i) in TestAssets.Johns().Take(2).Select((j, i) => (j, i)))
            await StoryAsync(bed, $"s{i}", await File.ReadAllBytesAsync(john.File));
        var slots = new RunSlots(1);
        var child = ChildHarness.Spawn(Sys, MediaAnalysisActor.Props(bed.Services, new MediaAnalysisSettings { Parallelism = 2 }, TimeSpan.FromSeconds(1), slots),
            AccountWorkers.MediaAnalysis, TestActor);
        var runId = Guid.NewGuid();
        child.Tell(new StartPhase(runId, Phase.WorkspaceActions, "alice", null, "test"));
        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(60));

        child.Tell(new AbortPhase(runId, "paused"));
        FishForMessage<IPhaseMessage>(m => m is PhaseAborted aborted && aborted.RunId == runId, TimeSpan.FromSeconds(30));
        // The abort is reported at once, but an inference that has started runs to its end: until it does, the node has
        // no room for another account's run.
        Assert.Equal(1, slots.Running);
        Assert.False(slots.HasRoom);

        gated.Open();
        await AwaitConditionAsync(() => Task.FromResult(slots.HasRoom), TimeSpan.FromSeconds(60));
        Assert.Equal(0, slots.Running);
    }

    [Fact]
    public async Task A_feed_post_is_projected_into_insights_and_entities_linked_by_each_analysis()
    {
        await using var bed = await StartAsync(DatabaseEngine.Sqlite);
        var media = await File.ReadAllBytesAsync(TestAssets.BaldGuys);
        var feed = new FeedPostRepository(bed.Database.Factory());
        var (postId, _) = await feed.CaptureAsync(new InstagramPost
        {
            InstagramAccountId = bed.AccountId, Shortcode = "F1", AuthorUsername = "bob", Caption = "Sunday #Beach with @Friend.One", DetectedAt = DateTime.UtcNow,
        });
        var (key, _) = await bed.Blobs.PutAsync(media);
        await feed.AttachMediaAsync(postId, key, "image/jpeg", media.Length, DateTime.UtcNow.AddDays(1));
        var child = ChildHarness.Spawn(Sys, MediaAnalysisActor.Props(bed.Services, new MediaAnalysisSettings(), TimeSpan.FromSeconds(1)), AccountWorkers.MediaAnalysis, TestActor);

        Assert.Equal(1, Run(child).Stats["feed_posts_analyzed"]);

        await using var db = bed.Database.Factory().Open();
        var post = await db.InstagramPosts.SingleAsync(p => p.Id == postId);
        Assert.Equal((FeedPostStatus.Analyzed, "local"), (post.Status, post.AiProvider));
        var analysis = await db.AiAnalyses.SingleAsync(a => a.AnalyzableType == AnalyzableTypes.FeedPost && a.AnalyzableId == postId);
        var insight = await db.InstagramPostInsights.SingleAsync();
        Assert.Equal((analysis.Id, postId), (insight.AiAnalysisId, insight.InstagramPostId));
        Assert.StartsWith("24 faces", insight.ImageDescription);
        Assert.Contains("beach", insight.Topics!);
        var entities = await db.InstagramPostEntities.Where(e => e.InstagramPostInsightId == insight.Id).ToListAsync();
        Assert.All(entities, e => Assert.Equal(analysis.Id, e.AiAnalysisId));
        Assert.Contains(entities, e => (e.EntityType, e.Value, e.SourceType) == ("hashtag", "beach", "caption"));
        Assert.Contains(entities, e => (e.EntityType, e.Value) == ("mention", "friend.one"));
        Assert.Contains(entities, e => (e.EntityType, e.Value) == ("face_count", "24"));

        // Analysed again: a cache hit, projected as a second insight linked to the new analysis; no inference.
        await db.InstagramPosts.Where(p => p.Id == postId).Set(p => p.Status, FeedPostStatus.Pending).UpdateAsync();
        Assert.Equal(1, Run(child).Stats["cache_hits"]);
        Assert.Equal(1, bed.Local.Calls);
        var hit = await db.AiAnalyses.SingleAsync(a => a.CacheHit);
        Assert.Equal(analysis.Id, hit.CachedFromAiAnalysisId);
        Assert.Equal(new[] { analysis.Id, hit.Id }, (await db.InstagramPostInsights.OrderBy(i => i.Id).ToListAsync()).Select(i => i.AiAnalysisId));
    }
}
