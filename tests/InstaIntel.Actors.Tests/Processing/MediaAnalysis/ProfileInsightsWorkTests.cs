using System.Security.Cryptography;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Processing.MediaAnalysis;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Security;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Analysis;
using InstaIntel.Storage.Insights;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using InstaIntel.Testing;

namespace InstaIntel.Actors.Tests.Processing.MediaAnalysis;

/// <summary>The profile insights step on its own (no models needed: the local composer is plain code): batch limit and failures.</summary>
public sealed class ProfileInsightsWorkTests
{
    /// <summary>The local provider, except that it fails for one profile, as a provider error would.</summary>
    private sealed class FailingFor(long profileId) : IAiProvider
    {
        private readonly LocalProvider _local = new(null!);

        public string Name => LocalProvider.ProviderName;

        public bool Supports(string purpose) => _local.Supports(purpose);

        public Task<ProviderAnswer> RunAsync(AiRequest request, ProviderSettings settings, CancellationToken cancellationToken) =>
            request.AnalyzableId == profileId
                ? Task.FromException<ProviderAnswer>(new AiProviderException("composer broke", 500))
                : _local.RunAsync(request, settings, cancellationToken);

        public Task<AiHealthResult> ProbeAsync(ProviderSettings settings, CancellationToken cancellationToken) => _local.ProbeAsync(settings, cancellationToken);
    }

    [Fact]
    public async Task A_run_takes_at_most_a_batch_and_a_failing_profile_is_reported_while_the_others_are_projected()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite, migrate: true);
        var factory = database.Factory();
        var accounts = new AccountRepository(factory);
        await accounts.ProjectAsync(new InstagramAccount { Username = "alice", ProjectedSequenceNr = 1 });
        var accountId = (await accounts.FindAsync("alice"))!.Id;
        var stories = new StoryRepository(factory);
        var profiles = new List<long>();
        foreach (var name in new[] { "bob", "carol", "dave" })
        {
            var profileId = await new ProfileRepository(factory).UpsertAsync(new ProfileSnapshot(accountId, name, Bio: $"{name} loves the sea"));
            var storyId = await stories.UpsertIngestedAsync(new InstagramStory
            {
                InstagramAccountId = accountId, InstagramProfileId = profileId, StoryId = "s1", MediaType = "image", TakenAt = DateTime.UtcNow.AddHours(-1),
            });
            await stories.RecordProcessedAsync(storyId, new StoryMetadata { OcrText = "sunset at the beach", Hashtags = ["beach"] });
            profiles.Add(profileId);
        }
        var runner = new AiRunner([new FailingFor(profiles[0])], new AiAnalysisRepository(factory), new AiApiCallRepository(factory),
            new AiProviderSettingRepository(factory, new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize))));
        var services = ProfileInsightsServices.Create(factory, runner, new ProfileInsightsSettings { BatchSize = 2 });
        var insights = new ProfileInsightRepository(factory);

        var failures = new List<(string Item, Exception Error)>();
        var first = new Stats();
        await new ProfileInsightsWork(services, first, (item, error) => failures.Add((item, error))).RunAsync(accountId, CancellationToken.None);

        Assert.Equal((2, 1, 1), (first.Get("profile_insights_due"), first.Get("profile_insights_failed"), first.Get("profile_insights_projected")));
        var (item, error) = Assert.Single(failures);
        Assert.Equal($"{AnalyzableTypes.Profile}:{profiles[0]}", item);
        Assert.Equal((500, "composer broke"), (Assert.IsType<AiProviderException>(error).HttpStatus, error.Message));
        Assert.Single(await insights.ListForProfileAsync(profiles[1]));
        Assert.Empty(await insights.ListForProfileAsync(profiles[2])); // beyond the batch: the next run

        var second = new Stats();
        await new ProfileInsightsWork(services, second, (i, e) => failures.Add((i, e))).RunAsync(accountId, CancellationToken.None);

        Assert.Equal((2, 1, 1), (second.Get("profile_insights_due"), second.Get("profile_insights_failed"), second.Get("profile_insights_projected")));
        Assert.Single(await insights.ListForProfileAsync(profiles[2]));
        Assert.Single(await insights.ListForProfileAsync(profiles[1])); // current: not read again
        Assert.NotNull((await new BehaviorProfileRepository(factory).FindPatternsAsync(profiles[2]))?.StoryCadence);
    }
}
