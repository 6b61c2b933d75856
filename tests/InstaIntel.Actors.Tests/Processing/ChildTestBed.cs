using System.Security.Cryptography;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Sessions;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Security;
using InstaIntel.Instagram.Browser;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Instagram.Transport;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Events;
using InstaIntel.Storage.Feed;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using InstaIntel.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// Everything a child actor works with, real: the simulator on 127.0.0.1, Debian's Chromium through the Playwright
/// client, a migrated SQLite database with the account's row and its (encrypted) session, a blob folder, and a
/// request gate with the given budget.
/// </summary>
public sealed class ChildTestBed : IAsyncDisposable
{
    private ChildTestBed() { }

    public SimulatorHost Simulator { get; private init; } = null!;
    public TestDatabase Database { get; private init; } = null!;
    public BrowserPool Browsers { get; private init; } = null!;
    public InMemoryRequestGate Gate { get; private init; } = null!;
    public RequestBudgetSettings Budget { get; private init; } = null!;
    public IInstagramClient Client { get; private init; } = null!;
    public BlobStore Blobs { get; private init; } = null!;
    public string BlobFolder { get; private init; } = null!;
    public long AccountId { get; private set; }
    public AccountWorkContextLoader Loader { get; private init; } = null!;

    public static async Task<ChildTestBed> StartAsync(RequestBudgetSettings? budget = null, NetworkOptions? network = null, string account = "demo_user")
    {
        budget ??= new RequestBudgetSettings { RequestsPerWindow = 10_000, Window = TimeSpan.FromMinutes(1) };
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Network = network ?? new NetworkOptions { Profiles = 400, DemoFollowers = 60, DemoMutuals = 20, DemoFollowingOnly = 10 },
        });
        var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite, migrate: true);
        var options = new InstagramOptions { BaseUrl = simulator.BaseUrl, RequestTimeout = TimeSpan.FromSeconds(10) };
        var browsers = new BrowserPool(new BrowserOptions { MaxContexts = 4 }, simulator.BaseUrl);
        var gate = new InMemoryRequestGate(budget);
        var client = new PlaywrightInstagramClient(browsers, gate, options, NullLogger<PlaywrightInstagramClient>.Instance);
        var factory = database.Factory();
        var accounts = new AccountRepository(factory);
        var sessions = new AccountSessionStore(accounts, new SessionVault(new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize))));
        var blobFolder = Directory.CreateTempSubdirectory("instaintel-blobs").FullName;
        var bed = new ChildTestBed
        {
            Simulator = simulator,
            Database = database,
            Browsers = browsers,
            Gate = gate,
            Budget = budget,
            Client = client,
            Blobs = new BlobStore(new BlobOptions { Path = blobFolder }),
            BlobFolder = blobFolder,
            Loader = new AccountWorkContextLoader(accounts, sessions, client),
        };
        await accounts.ProjectAsync(new InstagramAccount { Username = account, ProjectedSequenceNr = 1 });
        bed.AccountId = (await accounts.FindAsync(account))!.Id;
        var bundle = await new PlaywrightLogin(browsers, gate, options).LogInAsync(account, account, simulator.PasswordOf(account), SessionBundle.Anonymous, CancellationToken.None);
        await sessions.SaveAsync(account, bundle, CancellationToken.None);
        return bed;
    }

    public StoryIngestionServices StoryServices()
    {
        var factory = Database.Factory();
        return new StoryIngestionServices(Loader, Client, factory, new ProfileRepository(factory), new ProfileEventRepository(factory), new StoryRepository(factory), Blobs);
    }

    public FeedEngagementServices FeedServices()
    {
        var factory = Database.Factory();
        return new FeedEngagementServices(Loader, Client, new ProfileRepository(factory), new ProfileEventRepository(factory), new FeedPostRepository(factory), Blobs);
    }

    public async ValueTask DisposeAsync()
    {
        await Browsers.DisposeAsync();
        await Simulator.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(BlobFolder, recursive: true);
    }
}
