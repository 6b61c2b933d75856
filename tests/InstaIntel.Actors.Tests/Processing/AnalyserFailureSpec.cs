using System.Security.Cryptography;
using Akka.Actor;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Operations;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Tests.Analysis;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Processing;
using InstaIntel.Domain.Security;
using InstaIntel.Domain.Stories;
using InstaIntel.Intelligence.People;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Analysis;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using InstaIntel.Testing;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// Failures inside the analysers: the account entity with its real media-analysis child and the real failure recorder on
/// SQLite. Each media that cannot be analysed is a <c>background_job_failures</c> row of the child's work while the run
/// itself succeeds; identical failures are one <c>app_issues</c> row.
/// </summary>
[Collection(LocalAnalysisCollection.Name)]
public sealed class AnalyserFailureSpec(LocalAnalysisFixture models) : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string Account = "ana";
    private TestDatabase _database = null!;
    private string _blobFolder = null!;
    private BlobStore _blobs = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite, migrate: true);
        _blobFolder = Directory.CreateTempSubdirectory("instaintel-blobs").FullName;
        _blobs = new BlobStore(new BlobOptions { Path = _blobFolder });
    }

    public async Task DisposeAsync()
    {
        Shutdown();
        await _database.DisposeAsync();
        Directory.Delete(_blobFolder, recursive: true);
    }

    private InstaIntelDbFactory Factory => _database.Factory();

    // One vault key for the test's database: settings stored with it must be read with it.
    private AiProviderSettingRepository Settings() => _settings ??= new AiProviderSettingRepository(Factory, new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize)));
    private AiProviderSettingRepository? _settings;

    /// <summary>The entity, created with a session, over the media-analysis child that uses <paramref name="providers"/>.</summary>
    private async Task<(IActorRef Entity, long AccountId, long ProfileId)> AccountAsync(params IAiProvider[] providers)
    {
        var runner = new AiRunner(providers, new AiAnalysisRepository(Factory), new AiApiCallRepository(Factory), Settings());
        var services = MediaAnalysisServices.Create(Factory, _blobs, runner, new PeopleClusteringOptions());
        var accounts = new AccountRepository(Factory);
        var entity = Sys.ActorOf(AccountEntity.Props(Account, accounts, new AccountEntitySettings(),
            new MediaWorkers(services), runs: null, new FailureRecorder(new FailureRepository(Factory))), $"{Account}-{Guid.NewGuid():N}");
        // Continuous processing off: no tick starts anything; the test's operator actions run all the same.
        entity.Tell(new CreateAccount(Account, ContinuousProcessingEnabled: false));
        ExpectMsg<AccountView>();
        entity.Tell(new ImportSession(Account, "4242"));
        ExpectMsg<AccountView>();
        long accountId = 0;
        await AwaitAssertAsync(async () => accountId = Assert.IsType<Domain.Accounts.InstagramAccount>(await accounts.FindAsync(Account)).Id);
        var profileId = await new ProfileRepository(Factory).UpsertAsync(new ProfileSnapshot(accountId, "bob"));
        return (entity, accountId, profileId);
    }

    private async Task<long> StoryAsync(long accountId, long profileId, string storyId, byte[] media)
    {
        var stories = new StoryRepository(Factory);
        var id = await stories.UpsertIngestedAsync(new InstagramStory
        {
            InstagramAccountId = accountId, InstagramProfileId = profileId, StoryId = storyId, MediaType = "image", TakenAt = DateTime.UtcNow,
        });
        var (key, _) = await _blobs.PutAsync(media);
        await stories.AttachMediaAsync(id, key, "image/jpeg", media.Length);
        return id;
    }

    /// <summary>Runs the workspace-actions phase now, as an operator's action would, and waits for <paramref name="expected"/> failure rows.</summary>
    private async Task<(Guid RunId, List<BackgroundJobFailure> Rows)> AnalyseAsync(IActorRef entity, int expected)
    {
        entity.Tell(new RunNow(Account, "test", Phase.WorkspaceActions));
        var run = ExpectMsg<RunAccepted>(TimeSpan.FromSeconds(15));
        Assert.Equal(Phase.WorkspaceActions, run.Phase);
        var rows = new List<BackgroundJobFailure>();
        await AwaitAssertAsync(async () =>
        {
            rows = (await new FailureRepository(Factory).ListAsync(new FailureFilter())).OrderBy(f => f.Id).ToList();
            Assert.Equal(expected, rows.Count);
        }, TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(250));
        // The run went on past its failed media and succeeded: no failure of the account, no backoff.
        await AwaitAssertAsync(() =>
        {
            entity.Tell(new GetAccount(Account));
            var view = ExpectMsg<AccountView>();
            Assert.Null(view.CurrentRunId);
            Assert.Equal((0, (string?)null), (view.FailureCount, view.LastError));
        }, TimeSpan.FromSeconds(30));
        return (run.RunId, rows);
    }

    [Fact]
    public async Task Media_the_local_analysers_cannot_decode_are_runtime_failures_that_are_not_retried_grouped_into_one_issue()
    {
        var (entity, accountId, profileId) = await AccountAsync(new LocalProvider(models.Analyser));
        var stories = new List<long>();
        for (var i = 1; i <= 3; i++)
            stories.Add(await StoryAsync(accountId, profileId, $"broken-{i}", System.Text.Encoding.UTF8.GetBytes($"not a picture, take {i}")));

        var (runId, rows) = await AnalyseAsync(entity, expected: 3);

        Assert.All(rows, row =>
        {
            Assert.Equal(("workspace_actions", "media-analysis", runId.ToString()), (row.JobClass, row.QueueName, row.ActiveJobId));
            Assert.Equal("InvalidDataException", row.ErrorClass);
            // Bytes no decoder can read stay unreadable: a retry would fail the same way.
            Assert.Equal((FailureKind.Runtime, false), (row.FailureKind, row.Retryable));
            Assert.Equal(accountId, row.InstagramAccountId);
            Assert.Equal(Account, row.Metadata!["account"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(row.Backtrace));
        });
        Assert.Equal(stories.Select(id => $"instagram_stories:{id}").Order(), rows.Select(r => r.Metadata!["item"]!.GetValue<string>()).Order());

        var issue = Assert.Single(await new IssueRepository(Factory).ListAsync(new IssueFilter()));
        Assert.Equal((3, IssueStatus.Open, IssueSeverity.Error, IssueFingerprint.JobFailure, "media-analysis"),
            (issue.Occurrences, issue.Status, issue.Severity, issue.IssueType, issue.Source));
        Assert.Equal(rows[^1].Id, issue.BackgroundJobFailureId);
        await using var db = Factory.Open();
        Assert.All(db.InstagramStories.ToList(), s => Assert.Equal(StoryProcessingStatus.Failed, s.ProcessingStatus));
    }

    [Fact]
    public async Task A_provider_answering_503_is_a_transient_retryable_failure_and_a_recurrence_reopens_its_issue()
    {
        await Settings().UpsertAsync(UnavailableProvider.ProviderName, true, 1, null, null);
        var (entity, accountId, profileId) = await AccountAsync(new UnavailableProvider());
        await StoryAsync(accountId, profileId, "s1", "first"u8.ToArray());
        await StoryAsync(accountId, profileId, "s2", "second"u8.ToArray());

        var (_, rows) = await AnalyseAsync(entity, expected: 2);

        Assert.All(rows, row =>
        {
            Assert.Equal(("AiProviderException", "vision answered 503", "media-analysis"), (row.ErrorClass, row.ErrorMessage, row.QueueName));
            Assert.Equal((FailureKind.Transient, true), (row.FailureKind, row.Retryable));
        });
        var issues = new IssueRepository(Factory);
        var issue = Assert.Single(await issues.ListAsync(new IssueFilter()));
        Assert.Equal(2, issue.Occurrences);

        // Resolved by an operator, the provider fails again on the next media: the same issue re-opens and counts on.
        await issues.ResolveAsync(issue.Id, "provider restarted", DateTime.UtcNow);
        await StoryAsync(accountId, profileId, "s3", "third"u8.ToArray());
        await AnalyseAsync(entity, expected: 3);
        var reopened = Assert.Single(await issues.ListAsync(new IssueFilter()));
        Assert.Equal((issue.Id, IssueStatus.Open, 3), (reopened.Id, reopened.Status, reopened.Occurrences));
        Assert.Null(reopened.ResolvedAt);
    }

    /// <summary>Only the media-analysis child: every phase this test starts is the workspace-actions phase.</summary>
    private sealed class MediaWorkers(MediaAnalysisServices services) : IAccountWorkers
    {
        public IReadOnlyList<(string Name, Props Props)> Children(string username) =>
            [(AccountWorkers.MediaAnalysis, MediaAnalysisActor.Props(services, new MediaAnalysisSettings(), TimeSpan.FromSeconds(1)))];

        public string ChildFor(Phase phase) => AccountWorkers.MediaAnalysis;
    }

    /// <summary>A remote vision service that is down: every call answers 503, as an HTTP provider reports it.</summary>
    private sealed class UnavailableProvider : IAiProvider
    {
        public const string ProviderName = "vision";

        public string Name => ProviderName;

        public bool Supports(string purpose) => purpose == AiPurposes.MediaUnderstanding;

        public Task<ProviderAnswer> RunAsync(AiRequest request, ProviderSettings settings, CancellationToken cancellationToken) =>
            Task.FromException<ProviderAnswer>(new AiProviderException("vision answered 503", 503));

        public Task<AiHealthResult> ProbeAsync(ProviderSettings settings, CancellationToken cancellationToken) =>
            Task.FromResult(new AiHealthResult(false, "answered 503"));
    }
}
