using System.Security.Cryptography;
using Akka.Actor;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Processing.MediaAnalysis;
using InstaIntel.Actors.Tests.Analysis;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Processing;
using InstaIntel.Domain.Security;
using InstaIntel.Domain.Stories;
using InstaIntel.Intelligence.People;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Analysis;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Insights;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// The media-analysis phase with the profile insights step, the real local models on both engines: after the media are
/// analysed the profile has an insight, a strategy, evidences and a behaviour profile linked to its <c>profile_insights</c>
/// analysis; with nothing changed nothing runs, newer media with the same evidence only refresh the insight, and the same
/// evidence analysed again is a cache hit.
/// </summary>
[Collection(LocalAnalysisCollection.Name)]
public sealed class ProfileInsightsSpec(LocalAnalysisFixture models) : Akka.TestKit.Xunit2.TestKit
{
    private PhaseSucceeded Run(IActorRef child)
    {
        var runId = Guid.NewGuid();
        child.Tell(new StartPhase(runId, Phase.WorkspaceActions, "alice", null, "test"));
        var done = Assert.IsType<PhaseSucceeded>(FishForMessage<IPhaseMessage>(m => m is PhaseSucceeded or PhaseFailed, TimeSpan.FromSeconds(300)));
        Assert.Equal(runId, done.RunId);
        return done;
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task After_the_media_analyses_the_profile_is_projected_once_and_an_unchanged_profile_costs_no_inference(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var folder = Directory.CreateTempSubdirectory("instaintel-blobs").FullName;
        try
        {
            var factory = database.Factory();
            var blobs = new BlobStore(new BlobOptions { Path = folder });
            var local = new CountingProvider(new LocalProvider(models.Analyser));
            var runner = new AiRunner([local], new AiAnalysisRepository(factory), new AiApiCallRepository(factory),
                new AiProviderSettingRepository(factory, new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize))));
            var services = MediaAnalysisServices.Create(factory, blobs, runner, new PeopleClusteringOptions(),
                profileInsights: ProfileInsightsServices.Create(factory, runner, new ProfileInsightsSettings { BatchSize = 5 }));
            var accounts = new AccountRepository(factory);
            await accounts.ProjectAsync(new InstagramAccount { Username = "alice", ProjectedSequenceNr = 1 });
            var accountId = (await accounts.FindAsync("alice"))!.Id;
            var profileId = await new ProfileRepository(factory).UpsertAsync(new ProfileSnapshot(accountId, "bob", DisplayName: "Bob Jones",
                Bio: "he/him · 31 yo · 📍 Porto · surf and basketball"));
            var salley = TestAssets.Johns().Where(j => j.Person == "John_Salley").Select(j => j.File).ToList();
            var stories = new StoryRepository(factory);
            var storyIds = new List<long>();
            for (var i = 0; i < 2; i++)
            {
                var id = await stories.UpsertIngestedAsync(new InstagramStory
                {
                    InstagramAccountId = accountId, InstagramProfileId = profileId, StoryId = $"s{i}", MediaType = "image", TakenAt = DateTime.UtcNow.AddHours(-3 - i),
                });
                var media = await File.ReadAllBytesAsync(salley[i]);
                var (key, _) = await blobs.PutAsync(media);
                await stories.AttachMediaAsync(id, key, "image/jpeg", media.Length);
                storyIds.Add(id);
            }
            var posts = new ProfilePostRepository(factory);
            var postId = await posts.UpsertCapturedAsync(new InstagramProfilePost
            {
                InstagramAccountId = accountId, InstagramProfileId = profileId, Shortcode = "P1", Caption = "Game night with @joana.w #basketball #surf", TakenAt = DateTime.UtcNow.AddHours(-1),
            });
            var postMedia = await File.ReadAllBytesAsync(salley[2]);
            var (postKey, _) = await blobs.PutAsync(postMedia);
            await posts.AttachMediaAsync(postId, postKey, "image/jpeg", postMedia.Length);
            var child = ChildHarness.Spawn(Sys, MediaAnalysisActor.Props(services, new MediaAnalysisSettings { BatchSize = 10, Parallelism = 2 }, TimeSpan.FromSeconds(1)),
                AccountWorkers.MediaAnalysis, TestActor);

            var first = Run(child);

            Assert.Equal((3, 1, 1, 1), (first.Stats["inferences"], first.Stats["profile_insight_inferences"], first.Stats["profile_insights_projected"],
                first.Stats["behavior_profiles_updated"]));
            Assert.Equal(4, local.Calls);
            await using var db = factory.Open();
            var analysis = await db.AiAnalyses.SingleAsync(a => a.Purpose == AiPurposes.ProfileInsights);
            Assert.Equal((AnalyzableTypes.Profile, profileId, AiAnalysisStatus.Completed, LocalProvider.ProfileComposerModel, false),
                (analysis.AnalyzableType, analysis.AnalyzableId, analysis.Status, analysis.Model, analysis.CacheHit));
            Assert.Equal(64, analysis.MediaFingerprint!.Length);
            Assert.True(analysis.SignalsDetectedCount > 0);
            var insights = new ProfileInsightRepository(factory);
            var insight = Assert.Single(await insights.ListForProfileAsync(profileId));
            Assert.Equal((analysis.Id, "personal"), (insight.AiAnalysisId, insight.ProfileType));
            var strategy = (await insights.FindStrategyAsync(insight.Id))!;
            Assert.Equal(analysis.Id, strategy.AiAnalysisId);
            Assert.Contains("basketball", strategy.BestTopics!);
            var evidences = await insights.ListEvidencesAsync(insight.Id);
            Assert.All(evidences, e => Assert.Equal(analysis.Id, e.AiAnalysisId));
            Assert.Contains(evidences, e => (e.SignalType, e.Value, e.SourceRef) == ("interest", "basketball", $"instagram_profile_posts:{postId}"));
            Assert.Contains(evidences, e => (e.SignalType, e.Value, e.SourceType) == ("gender", "male", "bio"));
            var profile = await db.InstagramProfiles.SingleAsync(p => p.Id == profileId);
            Assert.Equal((31, 0.9, "male", "Porto"), (profile.AiEstimatedAge, profile.AiAgeConfidence, profile.AiEstimatedGender, profile.AiEstimatedLocation?.Split(' ')[0]));
            var behaviour = (await new BehaviorProfileRepository(factory).FindAsync(profileId))!;
            Assert.Equal(analysis.Id, behaviour.Metadata![BehaviorProfileRepository.AiAnalysisIdKey]!.GetValue<long>());
            Assert.Equal(2, behaviour.BehavioralSummary!["story_cadence"]!["story_count"]!.GetValue<int>());
            Assert.NotNull(behaviour.BehavioralSummary["face_identity_profile"]); // the face pipeline's keys stay beside the patterns
            Assert.NotNull(behaviour.ActivityScore);

            // Nothing changed: no profile is due, no provider is called, no analysis row is added.
            var second = Run(child);
            Assert.Equal(0, second.Stats["profile_insights_due"]);
            Assert.Equal(4, local.Calls);
            Assert.Equal(1, await db.AiAnalyses.CountAsync(a => a.Purpose == AiPurposes.ProfileInsights));

            // A story processed again with the same content: the profile is due, its evidence is unchanged, the insight is only refreshed.
            await stories.RecordProcessedAsync(storyIds[0], new StoryMetadata());
            var third = Run(child);
            Assert.Equal((1, 1), (third.Stats["profile_insights_due"], third.Stats["profile_insights_current"]));
            Assert.Equal(4, local.Calls);
            Assert.Equal(1, await db.AiAnalyses.CountAsync(a => a.Purpose == AiPurposes.ProfileInsights));

            // The projection lost (rows removed): the same evidence is a cache hit, projected under the new analysis row.
            await db.InstagramProfileSignalEvidences.DeleteAsync();
            await db.InstagramProfileMessageStrategies.DeleteAsync();
            await db.InstagramProfileInsights.DeleteAsync();
            var fourth = Run(child);
            Assert.Equal((1, 0), (fourth.Stats["profile_insight_cache_hits"], fourth.Stats.GetValueOrDefault("profile_insight_inferences")));
            Assert.Equal(4, local.Calls);
            var hit = await db.AiAnalyses.SingleAsync(a => a.Purpose == AiPurposes.ProfileInsights && a.CacheHit);
            Assert.Equal(analysis.Id, hit.CachedFromAiAnalysisId);
            Assert.Equal(hit.Id, Assert.Single(await insights.ListForProfileAsync(profileId)).AiAnalysisId);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
