using System.Text.Json;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace InstaIntel.Simulator.Tests.Recording;

/// <summary>Writes are recorded with their payloads and show up in later reads. Each test has its own simulator, so
/// the recorded lists hold exactly what the test did.</summary>
public sealed class WriteRecordingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(SimulatorFixture.Start);
    private SimulatorHost _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorHost.StartAsync(SimulatorFixture.Options(seed: 23, profiles: 400), _time);

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task A_sent_message_is_recorded_and_tops_the_inbox_of_both_sides()
    {
        using var demo = await WebSession.LoginAsync(_simulator);
        var recipient = _simulator.Network.Profile(_simulator.Network.MutualsOf("demo_user")[5]);
        _time.Advance(TimeSpan.FromMinutes(3));

        var answer = await demo.PostJsonAsync("/api/v1/direct_v2/threads/broadcast/text/", new Dictionary<string, string>
        {
            ["recipient_users"] = $"[[\"{recipient.IdText}\"]]",
            ["client_context"] = "6918151839440203312",
            ["text"] = "Hello from the test 👋",
        });

        var sent = Assert.Single(_simulator.SentMessages);
        Assert.Equal("demo_user", sent.Sender);
        Assert.Equal([recipient.Username], sent.RecipientUsernames);
        Assert.Equal([recipient.IdText], sent.RecipientIds);
        Assert.Equal("Hello from the test 👋", sent.Text);
        Assert.Equal("6918151839440203312", sent.ClientContext);
        Assert.Equal(_time.GetUtcNow(), sent.Time);
        Assert.Equal("ok", answer["status"]!.GetValue<string>());
        Assert.Equal(sent.ThreadId, answer["payload"]!["thread_id"]!.GetValue<string>());
        Assert.Equal(sent.ItemId, answer["payload"]!["item_id"]!.GetValue<string>());

        var inbox = await demo.GetJsonAsync("/api/v1/direct_v2/inbox/?limit=5&visual_message_return_type=unseen");
        var top = inbox["inbox"]!["threads"]![0]!;
        Assert.Equal(sent.ThreadId, top["thread_id"]!.GetValue<string>());
        Assert.Equal(recipient.Username, top["users"]![0]!["username"]!.GetValue<string>());
        Assert.Equal("Hello from the test 👋", top["items"]![0]!["text"]!.GetValue<string>());

        using var other = await WebSession.LoginAsync(_simulator, recipient.Username, $"sim-{recipient.Username}");
        var theirs = await other.GetJsonAsync("/api/v1/direct_v2/inbox/?limit=5");
        Assert.Equal(sent.ThreadId, theirs["inbox"]!["threads"]![0]!["thread_id"]!.GetValue<string>());
        Assert.Equal("demo_user", theirs["inbox"]!["threads"]![0]!["users"]![0]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_story_reply_is_recorded_with_the_story_and_its_owner()
    {
        using var demo = await WebSession.LoginAsync(_simulator);
        var network = _simulator.Network;
        var owner = network.Profile(network.FollowingOf("demo_user").First(u => network.ActiveStoriesOf(u, _time.GetUtcNow()).Count > 0));
        var story = network.ActiveStoriesOf(owner, _time.GetUtcNow())[0];

        await demo.PostJsonAsync("/api/v1/direct_v2/threads/broadcast/reel_share/", new Dictionary<string, string>
        {
            ["media_id"] = story.MediaId,
            ["reel_id"] = owner.IdText,
            ["recipient_users"] = $"[[\"{owner.IdText}\"]]",
            ["client_context"] = "1",
            ["text"] = "Great story!",
        });

        var reply = Assert.Single(_simulator.StoryReplies);
        Assert.Equal(story.MediaId, reply.StoryMediaId);
        Assert.Equal(owner.Username, reply.StoryOwner);
        Assert.Equal("Great story!", reply.Text);
        Assert.Equal([owner.IdText], reply.RecipientIds);
    }

    [Fact]
    public async Task A_like_is_recorded_and_the_post_reads_as_liked()
    {
        using var demo = await WebSession.LoginAsync(_simulator);
        var post = _simulator.Network.PostsOf("demo_alt")[0];

        await demo.PostJsonAsync($"/api/v1/web/likes/{post.MediaId}/like/");

        var like = Assert.Single(_simulator.Likes);
        Assert.Equal(("demo_user", post.MediaId, post.Pk), (like.Username, like.MediaId, like.MediaPk));
        var media = await demo.GetJsonAsync(WebSession.GraphQl(QueryHashes.ShortcodeMedia, new { shortcode = post.Shortcode }));
        Assert.True(media["data"]!["shortcode_media"]!["viewer_has_liked"]!.GetValue<bool>());
        Assert.Equal(post.LikeCount + 1, media["data"]!["shortcode_media"]!["edge_media_preview_like"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_comment_is_recorded_and_listed_with_the_posts_comments()
    {
        using var demo = await WebSession.LoginAsync(_simulator);
        var post = _simulator.Network.PostsOf("demo_alt")[0];

        var answer = await demo.PostJsonAsync($"/api/v1/web/comments/{post.PkText}/add/", new Dictionary<string, string> { ["comment_text"] = "Nice one @demo_alt" });

        var comment = Assert.Single(_simulator.Comments);
        Assert.Equal(("demo_user", post.Pk, "Nice one @demo_alt"), (comment.Username, comment.MediaPk, comment.Text));
        Assert.Equal(comment.CommentPk.ToString(), answer["id"]!.GetValue<string>());
        Assert.Equal("demo_user", answer["from"]!["username"]!.GetValue<string>());

        var all = new List<string>();
        string? maxId = null;
        do
        {
            var page = await demo.GetJsonAsync($"/api/v1/media/{post.MediaId}/comments/{(maxId is null ? "" : "?max_id=" + Uri.EscapeDataString(maxId))}");
            all.AddRange(page["comments"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
            maxId = page["has_more_comments"]!.GetValue<bool>() ? page["next_max_id"]!.GetValue<string>() : null;
        }
        while (maxId is not null);
        Assert.Equal("Nice one @demo_alt", all[^1]);
        Assert.Equal(post.CommentCount + 1, all.Count);
    }

    [Fact]
    public async Task Marking_a_story_seen_is_recorded_and_the_tray_reports_it_seen()
    {
        using var demo = await WebSession.LoginAsync(_simulator);
        var network = _simulator.Network;
        var owner = network.Profile(network.FollowingOf("demo_user").First(u => network.ActiveStoriesOf(u, _time.GetUtcNow()).Count > 0));
        var stories = network.ActiveStoriesOf(owner, _time.GetUtcNow());
        var latest = stories.Max(s => s.TakenAt).ToUnixTimeSeconds();

        foreach (var story in stories)
        {
            await demo.PostJsonAsync("/api/v1/stories/reel/seen", new Dictionary<string, string>
            {
                ["reelMediaId"] = story.PkText,
                ["reelMediaOwnerId"] = owner.IdText,
                ["reelId"] = owner.IdText,
                ["reelMediaTakenAt"] = story.TakenAt.ToUnixTimeSeconds().ToString(),
                ["viewSeenAt"] = _time.GetUtcNow().ToUnixTimeSeconds().ToString(),
            });
        }

        Assert.Equal(stories.Select(s => s.MediaId), _simulator.SeenStories.Select(s => s.StoryMediaId));
        var tray = await demo.GetJsonAsync("/api/v1/feed/reels_tray/");
        var reel = tray["tray"]!.AsArray().Single(r => r!["user"]!["username"]!.GetValue<string>() == owner.Username)!;
        Assert.Equal(latest, reel["seen"]!.GetValue<long>());
        // Seen reels move behind the unseen ones.
        var order = tray["tray"]!.AsArray().Where(r => !r!["is_ad"]!.GetValue<bool>()).Select(r => r!["seen"]!.GetValue<long>() >= r["latest_reel_media"]!.GetValue<long>()).ToArray();
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public async Task The_request_log_records_writes_with_payloads_and_never_cookie_values_or_passwords()
    {
        using var demo = await WebSession.LoginAsync(_simulator);
        var post = _simulator.Network.PostsOf("demo_alt")[1];
        await demo.PostJsonAsync($"/api/v1/web/likes/{post.MediaId}/like/");
        await demo.GetJsonAsync("/api/v1/feed/reels_tray/");

        var requests = _simulator.Requests;
        var login = Assert.Single(requests, r => r.Action == "login");
        Assert.Equal("demo_user", login.Payload!["username"]);
        Assert.Equal("Authenticated", login.Payload["outcome"]);
        var like = Assert.Single(requests, r => r.Action == "like");
        Assert.Equal(("POST", "demo_user", 200), (like.Method, like.Username, like.StatusCode));
        Assert.Equal(post.MediaId, like.Payload!["media_id"]);
        Assert.Contains(requests, r => r.PathAndQuery == "/api/v1/feed/reels_tray/" && r.Username == "demo_user" && r.Action is null);
        Assert.True(requests.Select(r => r.Sequence).SequenceEqual(requests.Select(r => r.Sequence).Order()));

        var everything = JsonSerializer.Serialize(requests);
        Assert.DoesNotContain(demo.Cookie("sessionid")!, everything);
        Assert.DoesNotContain(demo.Cookie("csrftoken")!, everything);
        Assert.DoesNotContain("demo-password", everything);
    }
}
