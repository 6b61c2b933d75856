using System.Net;
using System.Text.Json.Nodes;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace InstaIntel.Simulator.Tests.Network;

/// <summary>Stories follow the simulator's TimeProvider: each class instance moves its own fake clock.</summary>
public sealed class StoryExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(SimulatorFixture.Start);
    private SimulatorHost _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorHost.StartAsync(SimulatorFixture.Options(seed: 19, profiles: 400), _time);

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private async Task<string[]> ServedStoryIds(WebSession client, string username)
    {
        var response = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.ReelsMedia, new { reel_ids = new[] { _simulator.Network.Profile(username).IdText } }));
        return response["data"]!["reels_media"]!.AsArray()
            .SelectMany(reel => reel!["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()))
            .ToArray();
    }

    [Fact]
    public async Task Stories_are_served_while_live_and_vanish_after_expiring_at()
    {
        using var client = await WebSession.LoginAsync(_simulator);
        var network = _simulator.Network;
        var story = network.ActiveStoriesOf("demo_user", _time.GetUtcNow()).First();

        Assert.Contains(story.PkText, await ServedStoryIds(client, "demo_user"));
        Assert.Equal(network.ActiveStoriesOf("demo_user", _time.GetUtcNow()).Select(s => s.PkText), await ServedStoryIds(client, "demo_user"));

        _time.SetUtcNow(story.ExpiringAt - TimeSpan.FromSeconds(1));
        Assert.Contains(story.PkText, await ServedStoryIds(client, "demo_user"));

        _time.SetUtcNow(story.ExpiringAt);
        var after = await ServedStoryIds(client, "demo_user");
        Assert.DoesNotContain(story.PkText, after);
        Assert.Equal(network.ActiveStoriesOf("demo_user", story.ExpiringAt).Select(s => s.PkText), after);
    }

    [Fact]
    public async Task The_story_tray_follows_the_clock_too()
    {
        using var client = await WebSession.LoginAsync(_simulator);
        var network = _simulator.Network;

        foreach (var hours in new[] { 0, 13, 30, 60 })
        {
            _time.SetUtcNow(SimulatorFixture.Start + TimeSpan.FromHours(hours));
            var now = _time.GetUtcNow();
            var tray = await client.GetJsonAsync("/api/v1/feed/reels_tray/");
            var served = tray["tray"]!.AsArray().Where(r => !r!["is_ad"]!.GetValue<bool>()).Select(r => r!["user"]!["username"]!.GetValue<string>()).Order().ToArray();
            var expected = network.FollowingOf("demo_user").Where(u => network.ActiveStoriesOf(u, now).Count > 0).Order().ToArray();

            Assert.Equal(expected, served);
            foreach (var reel in tray["tray"]!.AsArray().Where(r => !r!["is_ad"]!.GetValue<bool>()))
            {
                var owner = reel!["user"]!["username"]!.GetValue<string>();
                Assert.Equal(network.ActiveStoriesOf(owner, now).Count, reel["media_count"]!.GetValue<int>());
                Assert.True(reel["latest_reel_media"]!.GetValue<long>() <= now.ToUnixTimeSeconds());
            }
        }
    }

    [Fact]
    public async Task New_stories_appear_as_the_clock_moves_on()
    {
        using var client = await WebSession.LoginAsync(_simulator);
        var network = _simulator.Network;
        var future = network.FollowingOf("demo_user").SelectMany(network.StoriesOf).First(s => s.TakenAt > _time.GetUtcNow());
        var owner = network.Profile(future.OwnerIndex).Username;

        Assert.DoesNotContain(future.PkText, await ServedStoryIds(client, owner));
        _time.SetUtcNow(future.TakenAt);
        Assert.Contains(future.PkText, await ServedStoryIds(client, owner));
    }

    [Fact]
    public async Task Replying_to_an_expired_story_is_refused()
    {
        using var client = await WebSession.LoginAsync(_simulator);
        var network = _simulator.Network;
        var owner = network.FollowingOf("demo_user").First(u => network.ActiveStoriesOf(u, _time.GetUtcNow()).Count > 0);
        var story = network.ActiveStoriesOf(owner, _time.GetUtcNow())[0];
        _time.SetUtcNow(story.ExpiringAt + TimeSpan.FromMinutes(1));

        using var response = await client.PostFormAsync("/api/v1/direct_v2/threads/broadcast/reel_share/", new Dictionary<string, string>
        {
            ["media_id"] = story.MediaId,
            ["reel_id"] = network.Profile(owner).IdText,
            ["text"] = "too late",
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_simulator.StoryReplies);
        Assert.Equal("fail", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }
}
