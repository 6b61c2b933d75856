using System.Security.Cryptography;
using Akka.Actor;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Tests.Analysis;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Comments;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Processing;
using InstaIntel.Domain.Security;
using InstaIntel.Domain.Stories;
using InstaIntel.Domain.Workspace;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.People;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Analysis;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.History;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using InstaIntel.Testing;

namespace InstaIntel.Actors.Tests.Processing.Workspace;

/// <summary>
/// The workspace queue driven by the media-analysis child's workspace-actions phase, with the real models on both engines:
/// one run analyses the profile's media, builds its history and brings an analysed post to ready.
/// </summary>
[Collection(LocalAnalysisCollection.Name)]
public sealed class WorkspaceActionsPhaseSpec(LocalAnalysisFixture models) : Akka.TestKit.Xunit2.TestKit
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_phase_run_analyses_the_media_builds_the_history_and_moves_the_posts_along(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var folder = Directory.CreateTempSubdirectory("instaintel-blobs").FullName;
        try
        {
            var factory = database.Factory();
            var blobs = new BlobStore(new BlobOptions { Path = folder });
            var runner = new AiRunner([new LocalProvider(models.Analyser)], new AiAnalysisRepository(factory), new AiApiCallRepository(factory),
                new AiProviderSettingRepository(factory, new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize))));
            var workspace = MediaAnalysisServices.CreateWorkspace(factory, runner, new TextEmbedder(models.Registry), new CommentGenerationOptions(), new WorkspaceSettings());
            var services = MediaAnalysisServices.Create(factory, blobs, runner, new PeopleClusteringOptions(), workspace);
            var accounts = new AccountRepository(factory);
            await accounts.ProjectAsync(new InstagramAccount { Username = "alice", ProjectedSequenceNr = 1 });
            var accountId = (await accounts.FindAsync("alice"))!.Id;
            var profileId = await new ProfileRepository(factory).UpsertAsync(new ProfileSnapshot(accountId, "bob"));
            var posts = new ProfilePostRepository(factory);
            var salley = TestAssets.Johns().Where(j => j.Person == "John_Salley").Select(j => j.File).ToList();
            var withFace = await posts.UpsertCapturedAsync(new InstagramProfilePost
            {
                InstagramAccountId = accountId, InstagramProfileId = profileId, Shortcode = "FACE", Caption = "Game night with the team", TakenAt = DateTime.UtcNow.AddHours(-2),
            });
            var media = await File.ReadAllBytesAsync(salley[0]);
            var (key, _) = await blobs.PutAsync(media);
            await posts.AttachMediaAsync(withFace, key, "image/jpeg", media.Length);
            await posts.UpsertCapturedAsync(new InstagramProfilePost
            {
                InstagramAccountId = accountId, InstagramProfileId = profileId, Shortcode = "NOMEDIA", Caption = "later", TakenAt = DateTime.UtcNow.AddHours(-1),
            });
            var stories = new StoryRepository(factory);
            var storyId = await stories.UpsertIngestedAsync(new InstagramStory
            {
                InstagramAccountId = accountId, InstagramProfileId = profileId, StoryId = "s1", MediaType = "image", TakenAt = DateTime.UtcNow.AddHours(-3),
            });
            var storyMedia = await File.ReadAllBytesAsync(salley[1]);
            var (storyKey, _) = await blobs.PutAsync(storyMedia);
            await stories.AttachMediaAsync(storyId, storyKey, "image/jpeg", storyMedia.Length);

            var child = ChildHarness.Spawn(Sys, MediaAnalysisActor.Props(services, new MediaAnalysisSettings { BatchSize = 10, Parallelism = 2 }, TimeSpan.FromSeconds(1)),
                AccountWorkers.MediaAnalysis, TestActor);
            var runId = Guid.NewGuid();
            child.Tell(new StartPhase(runId, Phase.WorkspaceActions, "alice", null, "test"));
            var done = Assert.IsType<PhaseSucceeded>(FishForMessage<IPhaseMessage>(m => m is PhaseSucceeded or PhaseFailed, TimeSpan.FromSeconds(300)));

            Assert.Equal((1, 1, 2, 1, 1), (done.Stats["stories_analyzed"], done.Stats["posts_analyzed"], done.Stats["workspace_posts_due"],
                done.Stats["histories_built"], done.Stats["comments_generated"]));
            Assert.Equal(1, done.Stats["workspace_waiting_media_download"]);
            var ready = (await posts.FindAsync(profileId, "FACE"))!;
            Assert.Equal(WorkspaceActionStatus.Ready, ready.Metadata!.WorkspaceActions!.Status);
            Assert.Equal(CommentGenerationPolicyStatus.Enabled, ready.Metadata.CommentGenerationPolicy!.Status);
            Assert.Equal(ready.Metadata.WorkspaceActions.SuggestionsCount, ready.Analysis!["comment_suggestions"]!.AsArray().Count);
            Assert.Equal(WorkspaceActionStatus.WaitingMediaDownload, (await posts.FindAsync(profileId, "NOMEDIA"))!.Metadata!.WorkspaceActions!.Status);
            var chunk = Assert.Single(await new ProfileHistoryRepository(factory).ListAsync(profileId));
            Assert.Equal(3, chunk.EntryCount);
            Assert.Contains("1 face", chunk.Content);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
