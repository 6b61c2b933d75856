using InstaIntel.Domain.Budget;
using InstaIntel.Instagram.Browser;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Instagram.Transport;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using Microsoft.Extensions.Logging.Abstractions;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// One simulator (2,000 profiles; the demo account with 300 followers, 80 of them mutuals, 40 followed only) and one
/// Chromium for the class, with the demo account logged in once through the simulator's login page. Each test
/// gets its own client and request gate (see <see cref="Client"/>), so a refused session or a hold stays in its test.
/// </summary>
public sealed class ProfileSyncFixture : IAsyncLifetime
{
    public const string Account = "demo_user";

    public SimulatorHost Simulator { get; private set; } = null!;
    public BrowserPool Browsers { get; private set; } = null!;
    public InstagramOptions Options { get; private set; } = null!;
    public SessionBundle Session { get; private set; } = null!;

    public static RequestBudgetSettings Unlimited { get; } = new() { RequestsPerWindow = 100_000, Window = TimeSpan.FromMinutes(1) };

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Network = new NetworkOptions { Seed = 11, Profiles = 2_000, DemoFollowers = 300, DemoMutuals = 80, DemoFollowingOnly = 40 },
        });
        Options = new InstagramOptions
        {
            BaseUrl = Simulator.BaseUrl,
            RequestTimeout = TimeSpan.FromSeconds(10),
            RateLimitPause = TimeSpan.FromMilliseconds(200),
            ServerErrorPause = TimeSpan.FromMilliseconds(200),
        };
        Browsers = new BrowserPool(new BrowserOptions { MaxContexts = 4 }, Simulator.BaseUrl);
        Session = await new PlaywrightLogin(Browsers, new InMemoryRequestGate(Unlimited), Options)
            .LogInAsync(Account, Account, Simulator.PasswordOf(Account), SessionBundle.Anonymous, CancellationToken.None);
    }

    /// <summary>The real client in Chromium, behind <paramref name="gate"/>.</summary>
    public PlaywrightInstagramClient Client(IRequestGate gate) => new(Browsers, gate, Options, NullLogger<PlaywrightInstagramClient>.Instance);

    /// <summary>The sequence number of the newest request in the simulator's log (0 before any).</summary>
    public long LastRequestSequence() => Simulator.Requests.LastOrDefault()?.Sequence ?? 0;

    public async Task DisposeAsync()
    {
        await Browsers.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
