using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using Microsoft.Extensions.Time.Testing;

namespace InstaIntel.Simulator.Tests.Support;

/// <summary>One simulator per test class: 3,000 profiles, the demo account with 2,000 followers of which 300 are
/// mutuals, on a fake clock that tests do not move (classes that move time start their own).</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);
    public SimulatorHost Simulator { get; private set; } = null!;

    public static SimulatorOptions Options(int seed = 7, int profiles = 3_000) => new()
    {
        Network = new NetworkOptions
        {
            Seed = seed,
            Profiles = profiles,
            DemoFollowers = 2_000,
            DemoMutuals = 300,
            DemoFollowingOnly = 120,
        },
    };

    public async Task InitializeAsync() => Simulator = await SimulatorHost.StartAsync(Options(), Time);

    public async Task DisposeAsync() => await Simulator.DisposeAsync();
}
