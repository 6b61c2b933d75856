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
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Events;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using InstaIntel.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace InstaIntel.Benchmarks.Hosting;

/// <summary>
/// One account logged in to the simulator through the real Playwright client in Debian's Chromium, with its row
/// and encrypted session in a migrated database, a blob folder and a request gate holding the given budget: what the
/// node hands an account's children, composed from the project's own classes.
/// </summary>
public sealed class SimulatedAccount : IAsyncDisposable
{
    private SimulatedAccount() { }

    public required SimulatorHost Simulator { get; init; }
    public required TestDatabase Database { get; init; }
    public required BrowserPool Browsers { get; init; }
    public required IInstagramClient Client { get; init; }
    public required AccountWorkContextLoader Loader { get; init; }
    public required BlobStore Blobs { get; init; }
    public required string BlobFolder { get; init; }
    public required string Username { get; init; }

    /// <summary>The account's Instagram user id, learned at set-up as the entity learns it at import (so a phase does not look it up).</summary>
    public required string InstagramUserId { get; init; }

    public static async Task<SimulatedAccount> StartAsync(SimulatorOptions simulatorOptions, RequestBudgetSettings budget, string username = "demo_user", int browserContexts = 4)
    {
        var simulator = await SimulatorHost.StartAsync(simulatorOptions);
        var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite, migrate: true);
        var options = new InstagramOptions { BaseUrl = simulator.BaseUrl, RequestTimeout = TimeSpan.FromSeconds(30) };
        var browsers = new BrowserPool(new BrowserOptions { MaxContexts = browserContexts }, simulator.BaseUrl);
        var gate = new InMemoryRequestGate(budget);
        var client = new PlaywrightInstagramClient(browsers, gate, options, NullLogger<PlaywrightInstagramClient>.Instance);
        var accounts = new AccountRepository(database.Factory());
        var sessions = new AccountSessionStore(accounts, new SessionVault(new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize))));
        await accounts.ProjectAsync(new InstagramAccount { Username = username, ProjectedSequenceNr = 1 });
        var bundle = await new PlaywrightLogin(browsers, gate, options).LogInAsync(username, username, simulator.PasswordOf(username), SessionBundle.Anonymous, CancellationToken.None);
        await sessions.SaveAsync(username, bundle, CancellationToken.None);
        var me = await client.GetCurrentUserAsync(new AccountSession(username, bundle), CancellationToken.None);
        var blobFolder = Directory.CreateTempSubdirectory("instaintel-bench-blobs").FullName;
        return new SimulatedAccount
        {
            Simulator = simulator,
            Database = database,
            Browsers = browsers,
            Client = client,
            Loader = new AccountWorkContextLoader(accounts, sessions, client),
            Blobs = new BlobStore(new BlobOptions { Path = blobFolder }),
            BlobFolder = blobFolder,
            Username = username,
            InstagramUserId = me.Id,
        };
    }

    public StoryIngestionServices StoryServices()
    {
        var factory = Database.Factory();
        return new StoryIngestionServices(Loader, Client, factory, new ProfileRepository(factory), new ProfileEventRepository(factory), new StoryRepository(factory), Blobs);
    }

    public async ValueTask DisposeAsync()
    {
        await Browsers.DisposeAsync();
        await Simulator.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(BlobFolder, recursive: true);
    }
}
