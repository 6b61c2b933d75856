using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace InstaIntel.Simulator.Tests.Network;

/// <summary>Two simulators with one seed serve the same JSON (but for their own host in media URLs); another seed
/// serves other JSON.</summary>
public sealed class DeterminismOverHttpTests
{
    private static async Task<string[]> Responses(int seed)
    {
        await using var simulator = await SimulatorHost.StartAsync(SimulatorFixture.Options(seed, profiles: 500), new FakeTimeProvider(SimulatorFixture.Start));
        using var client = await WebSession.LoginAsync(simulator);
        var someone = simulator.Network.Usernames[321];
        var paths = new[]
        {
            $"/api/v1/users/web_profile_info/?username={someone}",
            WebSession.GraphQl(QueryHashes.Followers, new { id = simulator.DemoAccount.IdText, first = 50 }),
            "/api/v1/feed/timeline/?count=20",
            "/api/v1/direct_v2/inbox/?limit=20",
        };
        var bodies = new List<string>();
        foreach (var path in paths)
            bodies.Add((await client.GetJsonAsync(path)).ToJsonString().Replace(simulator.BaseUrl.Authority, "HOST", StringComparison.Ordinal));
        return [.. bodies];
    }

    [Fact]
    public async Task The_same_seed_serves_the_same_json_and_another_seed_other_json()
    {
        var first = await Responses(seed: 5);
        var again = await Responses(seed: 5);
        var other = await Responses(seed: 6);

        Assert.Equal(first, again);
        for (var i = 0; i < first.Length; i++)
            Assert.NotEqual(first[i], other[i]);
    }
}
