using System.Security.Cryptography;
using Akka.Actor;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Actors.Tests.Analysis;
using InstaIntel.Intelligence.People;
using InstaIntel.Storage.Analysis;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Processing.ProfileSync;
using InstaIntel.Actors.Sessions;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Processing;
using InstaIntel.Domain.Security;
using InstaIntel.Instagram.Browser;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Instagram.Transport;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Events;
using InstaIntel.Storage.Feed;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace InstaIntel.Actors.Tests.Accounts;

/// <summary>
/// One whole managed account, real from end to end: the account region of the node's own Akka.Hosting set-up on a
/// fresh database, each <see cref="AccountEntity"/> with the node's four children (<see cref="AccountWorkers"/>),
/// the entity's persisted budget as the Playwright client's request gate, Debian's Chromium, and a small simulator
/// network whose clock stands still (so its live stories do not change under the test). Schedules are seconds,
/// not hours: every phase comes due again <see cref="CycleInterval"/> after it started.
/// </summary>
public sealed class AccountCycleBed : IAsyncDisposable
{
    public const string Account = "demo_user";
    public static readonly TimeSpan CycleInterval = TimeSpan.FromSeconds(40);
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(8);
    public static readonly TimeSpan BackoffJitter = TimeSpan.FromSeconds(2);
    public const int PostsPerProfile = 2;
    public const int CommentsPerPost = 3;
    public const int DailyLikes = 3;
    public const int DailyComments = 2;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private AccountCycleBed() { }

    public SimulatorHost Simulator { get; private init; } = null!;
    public TestDatabase Database { get; private init; } = null!;
    public HostedActorSystem Hosted { get; private init; } = null!;
    public BlobStore Blobs { get; private init; } = null!;
    private BrowserPool Browsers { get; init; } = null!;
    private string BlobFolder { get; init; } = null!;
    private LocalAnalysisFixture Analysis { get; init; } = null!;

    public SimulatedNetwork Network => Simulator.Network;
    public InstaIntelDbFactory Factory => Database.Factory();

    /// <summary>Blocking: a TestKit needs its actor system in its constructor.</summary>
    public static AccountCycleBed Start(DatabaseEngine engine) => StartAsync(engine).GetAwaiter().GetResult();

    private static async Task<AccountCycleBed> StartAsync(DatabaseEngine engine)
    {
        // 10 followed profiles, 14 followers (6 mutuals), 5 inbox threads: a cycle is a few hundred requests at most.
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Network = new NetworkOptions { Seed = 7, Profiles = 200, DemoFollowers = 14, DemoMutuals = 6, DemoFollowingOnly = 4, ThreadsPerAccount = 5 },
        }, FrozenTime.AtNow());
        var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var instagram = new InstagramOptions
        {
            BaseUrl = simulator.BaseUrl,
            RequestTimeout = TimeSpan.FromSeconds(20),
            RateLimitPause = TimeSpan.FromMilliseconds(200),
            ServerErrorPause = TimeSpan.FromMilliseconds(200),
        };
        var browsers = new BrowserPool(new BrowserOptions { MaxContexts = 2 }, simulator.BaseUrl);
        var blobFolder = Directory.CreateTempSubdirectory("instaintel-cycle-blobs").FullName;
        var blobs = new BlobStore(new BlobOptions { Path = blobFolder });
        var budget = new RequestBudgetSettings
        {
            RequestsPerWindow = 100_000, Window = TimeSpan.FromMinutes(1), DailyLikes = DailyLikes, DailyComments = DailyComments,
        };
        var entity = new AccountEntitySettings
        {
            TickInterval = TimeSpan.FromMilliseconds(250),
            SnapshotEvery = 1_000,
            Budget = budget,
            Processing = new ContinuousProcessingSettings
            {
                StorySyncInterval = CycleInterval,
                FeedSyncInterval = CycleInterval,
                ProfileScanInterval = CycleInterval,
                FollowGraphSyncInterval = CycleInterval,
                DueJitterFraction = 0,
                FailureBackoff = [FirstBackoff, FirstBackoff * 2, FirstBackoff * 3, FirstBackoff * 4, FirstBackoff * 5],
                FailureBackoffJitterMax = BackoffJitter,
            },
        };
        var workers = new AccountWorkerSettings
        {
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            Stories = new StoryIngestionSettings { BatchSize = 1_000 },
            // One feed page a run, all of its posts: a repeat of the cycle reads the same page and must add nothing.
            Feed = new FeedEngagementSettings { Rounds = 1, PageDelay = TimeSpan.FromMilliseconds(100), MaxNewPosts = 1_000 },
            Budget = budget,
        };
        var profileSync = new ProfileSyncSettings
        {
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            ProfileScanBatchSize = 100,
            PostsPerProfile = PostsPerProfile,
            CommentsPerPost = CommentsPerPost,
            // Every scan captures every followed profile again: the repeat is a real test of the upserts.
            ProfileScanMinInterval = TimeSpan.Zero,
        };

        var analysis = new LocalAnalysisFixture();
        var hosted = HostedActorSystem.Start(database.Storage, entity, services =>
        {
            services.AddSingleton(instagram);
            services.AddSingleton(browsers);
            services.AddSingleton(blobs);
            services.AddSingleton<IRequestGate>(sp =>
            {
                var region = sp.GetRequiredService<IRequiredActor<AccountRegion>>();
                return new AccountRequestGate(cancellationToken => region.GetAsync(cancellationToken));
            });
            services.AddSingleton<IInstagramClient>(sp =>
                new PlaywrightInstagramClient(browsers, sp.GetRequiredService<IRequestGate>(), instagram, NullLogger<PlaywrightInstagramClient>.Instance));
            services.AddSingleton(new SessionVault(new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize))));
            services.AddSingleton<AccountSessionStore>();
            services.AddSingleton<AccountWorkContextLoader>();
            services.AddSingleton<ProfileRepository>();
            services.AddSingleton<ProfileEventRepository>();
            services.AddSingleton<StoryRepository>();
            services.AddSingleton<FeedPostRepository>();
            services.AddSingleton<SyncRunRepository>();
            services.AddSingleton<ISyncRunRecorder, SyncRunRecorder>();
            services.AddSingleton<StoryIngestionServices>();
            services.AddSingleton<FeedEngagementServices>();
            services.AddSingleton<IAccountWorkers>(sp =>
            {
                var factory = sp.GetRequiredService<InstaIntelDbFactory>();
                var contexts = sp.GetRequiredService<AccountWorkContextLoader>();
                var client = sp.GetRequiredService<IInstagramClient>();
                // media-analysis runs the real local pipeline (ONNX models) on what the cycle stored.
                var runner = new AiRunner([new LocalProvider(analysis.Analyser)], new AiAnalysisRepository(factory), new AiApiCallRepository(factory),
                    new AiProviderSettingRepository(factory, new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize))));
                var media = MediaAnalysisServices.Create(factory, blobs, runner, new PeopleClusteringOptions());
                return new AccountWorkers(workers, sp.GetRequiredService<StoryIngestionServices>(), sp.GetRequiredService<FeedEngagementServices>(), media,
                    _ => ProfileSyncActor.Props(contexts, client, ProfileSyncStores.From(factory, blobs), entity, profileSync));
            });
            services.AddSingleton(sp =>
            {
                var region = sp.GetRequiredService<IRequiredActor<AccountRegion>>();
                return new SessionImporter(sp.GetRequiredService<IInstagramClient>(), sp.GetRequiredService<AccountSessionStore>(), browsers,
                    cancellationToken => region.GetAsync(cancellationToken));
            });
        });
        return new AccountCycleBed
        {
            Simulator = simulator,
            Database = database,
            Hosted = hosted,
            Blobs = blobs,
            Browsers = browsers,
            BlobFolder = blobFolder,
            Analysis = analysis,
        };
    }

    public Task<IActorRef> RegionAsync() => Hosted.Services.GetRequiredService<IRequiredActor<AccountRegion>>().GetAsync();

    public async Task<T> AskAsync<T>(IAccountCommand command) where T : IAccountReply
    {
        var reply = await (await RegionAsync()).Ask<IAccountReply>(command, AskTimeout);
        return Assert.IsType<T>(reply);
    }

    public Task<AccountView> ViewAsync() => AskAsync<AccountView>(new GetAccount(Account));

    /// <summary>
    /// As an admin would: creates the account, logs in through the simulator's login page and imports the session
    /// (checked against Instagram, stored encrypted). From then on the schedule runs the account by itself.
    /// </summary>
    public async Task EnrolAsync()
    {
        await AskAsync<AccountView>(new CreateAccount(Account));
        var login = new PlaywrightLogin(Browsers, Hosted.Services.GetRequiredService<IRequestGate>(), Hosted.Services.GetRequiredService<InstagramOptions>());
        var bundle = await login.LogInAsync(Account, Account, Simulator.PasswordOf(Account), SessionBundle.Anonymous, CancellationToken.None);
        var imported = await Hosted.Services.GetRequiredService<SessionImporter>().ImportAsync(Account, bundle, CancellationToken.None);
        Assert.Equal(SessionState.Valid, imported.State);
    }

    /// <summary>Pauses the account and waits until no run is in flight (a run the pause cut off ends aborted).</summary>
    public async Task PauseAndSettleAsync()
    {
        await AskAsync<AccountView>(new PauseAccount(Account, "test: counting rows"));
        await Eventually.TrueAsync(async () => (await ViewAsync()).CurrentRunId is null && await RunningRowsAsync() == 0,
            TimeSpan.FromSeconds(60), "the paused account to finish its run");
    }

    private async Task<int> RunningRowsAsync()
    {
        await using var db = Factory.Open();
        return await db.SyncRuns.CountAsync(r => r.Status == RunStatus.Running);
    }

    /// <summary>The account's runs (<c>sync_runs</c>), oldest first, each with the phase it ran.</summary>
    public async Task<IReadOnlyList<(SyncRun Row, string Phase)>> RunsAsync()
    {
        var rows = await new SyncRunRepository(Factory).ListAsync(Account, 500);
        return rows.OrderBy(r => r.Id).Select(r => (r, (string?)r.StatsJson?["phase"] ?? "")).ToList();
    }

    /// <summary>Waits until each phase of the cycle has a succeeded run that started at or after <paramref name="since"/>.</summary>
    public Task AwaitCycleAsync(DateTime since, TimeSpan timeout) =>
        Eventually.TrueAsync(async () =>
        {
            var runs = await RunsAsync();
            return CyclePhases.All(phase => runs.Any(r => r.Phase == phase && r.Row.Status == RunStatus.Succeeded && r.Row.StartedAt >= since));
        }, timeout, "every phase of the cycle (story sync, feed sync, follow-graph sync, profile scan) to succeed", async () =>
            string.Join("\n", (await RunsAsync()).Select(r => $"{r.Phase} {r.Row.Status} {r.Row.StartedAt:O} {r.Row.ErrorMessage}")));

    public static readonly string[] CyclePhases =
        [SeedString.Of(Phase.StorySync), SeedString.Of(Phase.FeedSync), SeedString.Of(Phase.FollowGraphSync), SeedString.Of(Phase.ProfileScan)];

    /// <summary>Per content table: how many rows, and how many distinct natural keys among them.</summary>
    public async Task<IReadOnlyDictionary<string, (int Rows, int Keys)>> CountRowsAsync()
    {
        await using var db = Factory.Open();
        var counts = new SortedDictionary<string, (int, int)>(StringComparer.Ordinal);
        void Add<TKey>(string table, IReadOnlyCollection<TKey> keys) => counts[table] = (keys.Count, keys.Distinct().Count());

        Add("instagram_profiles", await db.InstagramProfiles.Select(p => new { p.InstagramAccountId, p.Username }).ToListAsync());
        Add("instagram_profile_events", await db.InstagramProfileEvents.Select(e => new { e.InstagramProfileId, e.Kind, e.ExternalId }).ToListAsync());
        Add("instagram_stories", await db.InstagramStories.Select(s => new { s.InstagramProfileId, s.StoryId }).ToListAsync());
        Add("instagram_posts", await db.InstagramPosts.Select(p => new { p.InstagramAccountId, p.Shortcode }).ToListAsync());
        Add("instagram_profile_posts", await db.InstagramProfilePosts.Select(p => new { p.InstagramProfileId, p.Shortcode }).ToListAsync());
        var comments = await db.InstagramProfilePostComments.ToListAsync();
        Add("instagram_profile_post_comments", comments.Select(c => (c.InstagramProfilePostId, (string?)c.Metadata?[ProfilePostRepository.CommentIdKey])).ToList());
        Add("conversation_peers", await db.ConversationPeers.Select(p => new { p.InstagramAccountId, p.Username }).ToListAsync());
        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        Hosted.Dispose();
        Analysis.Dispose();
        await Browsers.DisposeAsync();
        await Simulator.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(BlobFolder, recursive: true);
    }
}

/// <summary>Polls a condition until it holds or the (generous) deadline passes; the deadline is a safety net, never the assertion.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out after {timeout} waiting for {what}" + (describe is null ? "" : $"\n{await describe()}"));
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
