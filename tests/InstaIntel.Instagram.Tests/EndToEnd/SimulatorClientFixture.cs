using InstaIntel.Domain.Budget;
using InstaIntel.Instagram.Browser;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Instagram.Transport;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using Microsoft.Extensions.Logging.Abstractions;

namespace InstaIntel.Instagram.Tests.EndToEnd;

/// <summary>
/// The real client in Debian's Chromium against the simulator on 127.0.0.1: one simulator (5,000 profiles, a
/// demo account with 2,000 followers) and one browser for the whole class; tests use different accounts so their
/// sessions, gates and faults do not meet.
/// </summary>
public sealed class SimulatorClientFixture : IAsyncLifetime
{
    public SimulatorHost Simulator { get; private set; } = null!;
    public BrowserPool Browsers { get; private set; } = null!;
    public InMemoryRequestGate Gate { get; private set; } = null!;
    public InstagramOptions Options { get; private set; } = null!;
    public PlaywrightInstagramClient Client { get; private set; } = null!;
    public PlaywrightLogin Login { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Network = new NetworkOptions { Profiles = 5_000, DemoFollowers = 2_000 } });
        Options = new InstagramOptions
        {
            BaseUrl = Simulator.BaseUrl,
            RequestTimeout = TimeSpan.FromSeconds(5),
            // Short pauses keep the tests quick; the rule (the longer of this and Retry-After) is what is tested.
            RateLimitPause = TimeSpan.FromMilliseconds(200),
            ServerErrorPause = TimeSpan.FromMilliseconds(200),
        };
        Browsers = new BrowserPool(new BrowserOptions { MaxContexts = 6 }, Simulator.BaseUrl);
        Gate = new InMemoryRequestGate(new RequestBudgetSettings { RequestsPerWindow = 100_000, Window = TimeSpan.FromMinutes(1) });
        Client = new PlaywrightInstagramClient(Browsers, Gate, Options, NullLogger<PlaywrightInstagramClient>.Instance);
        Login = new PlaywrightLogin(Browsers, Gate, Options);
    }

    /// <summary>Logs <paramref name="username"/> in through the simulator's login page.</summary>
    public async Task<AccountSession> LogInAsync(string username)
    {
        var bundle = await Login.LogInAsync(username, username, Simulator.PasswordOf(username), SessionBundle.Anonymous, CancellationToken.None);
        return new AccountSession(username, bundle);
    }

    /// <summary>A generated profile that can log in (its password follows the simulator's pattern) and that no other test uses.</summary>
    public string FreshAccount(int index) => Simulator.Network.Usernames[100 + index];

    public int RequestsBy(string username) => Simulator.Requests.Count(r => r.Username == username);

    public async Task DisposeAsync()
    {
        await Browsers.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
