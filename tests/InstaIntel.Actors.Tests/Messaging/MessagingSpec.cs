using System.Text.Json.Nodes;
using Akka.Actor;
using InstaIntel.Actors.Messaging;
using InstaIntel.Actors.Tests.Processing;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Messaging;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Profiles;
using InstaIntel.Storage.Messaging;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Profiles;
using InstaIntel.Simulator.Faults;

namespace InstaIntel.Actors.Tests.Messaging;

/// <summary>The messaging child against the simulator in a real Chromium, on a real SQLite database, with a daily cap of 2 DMs.</summary>
public sealed class MessagingSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string TextPath = "/api/v1/direct_v2/threads/broadcast/text/";
    private static readonly RequestBudgetSettings Budget = new() { RequestsPerWindow = 10_000, Window = TimeSpan.FromMinutes(1), DailyDirectMessages = 2 };
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private ChildTestBed _bed = null!;
    private MessagingServices _services = null!;
    private IActorRef _child = null!;

    public async Task InitializeAsync()
    {
        _bed = await ChildTestBed.StartAsync(Budget);
        _services = MessagingServices.From(_bed.Loader, _bed.Client, _bed.Database.Factory(), new InteractionWindows());
        _child = ChildHarness.Spawn(Sys, MessagingActor.Props("demo_user", _services), MessagingActor.ChildName, TestActor);
    }

    private Task<long> ProfileAsync(string username) =>
        new ProfileRepository(_bed.Database.Factory()).UpsertAsync(new ProfileSnapshot(_bed.AccountId, username));

    private Task<long> QueueAsync(long profileId, string body, string? storyId = null) =>
        _services.Messages.QueueAsync(_bed.AccountId, profileId, body, storyId is null
            ? new JsonObject { ["kind"] = "dm" }
            : new JsonObject { ["kind"] = "story_reply", ["story_id"] = storyId });

    private List<IMessagingReport> Send(int reports)
    {
        _child.Tell(new SendQueuedMessages("demo_user"));
        var received = new List<IMessagingReport>();
        for (var i = 0; i < reports; i++)
            received.Add(ExpectMsg<IMessagingReport>(Wait));
        return received;
    }

    [Fact]
    public async Task Queued_dms_are_sent_exactly_once_and_their_rows_say_sent_with_instagrams_ids()
    {
        var friends = _bed.Simulator.Network.MutualsOf("demo_user").Take(2).ToList();
        var profiles = new List<long>();
        foreach (var friend in friends) profiles.Add(await ProfileAsync(friend));
        var texts = friends.Select(f => $"hello {f} {Guid.NewGuid():N}").ToList();
        var ids = new[] { await QueueAsync(profiles[0], texts[0]), await QueueAsync(profiles[1], texts[1]) };

        var sent = Send(2).Select(r => Assert.IsType<MessageSent>(r)).ToList();
        Assert.Equal(ids, sent.Select(s => s.MessageId));
        for (var i = 0; i < 2; i++)
        {
            var recorded = Assert.Single(_bed.Simulator.SentMessages, m => m.Text == texts[i]);
            Assert.Equal([friends[i]], recorded.RecipientUsernames);
            var row = (await _services.Messages.FindAsync(ids[i]))!;
            Assert.Equal(MessageStatus.Sent, row.Status);
            Assert.NotNull(row.SentAt);
            Assert.Null(row.ErrorMessage);
            Assert.Equal(recorded.ThreadId, row.Metadata!["thread_id"]!.GetValue<string>());
            Assert.Equal(recorded.ItemId, row.Metadata!["item_id"]!.GetValue<string>());
            var profile = (await _services.Profiles.FindAsync(profiles[i]))!;
            Assert.Equal(DmInteractionState.Messageable, profile.DmInteractionState);
            Assert.True(profile.CanMessage);
            Assert.Equal(_bed.Simulator.Network.Profile(friends[i]).IdText, profile.IgUserId);
        }

        // Another pass finds nothing queued: nothing is sent twice.
        _child.Tell(new SendQueuedMessages("demo_user"));
        ExpectNoMsg(TimeSpan.FromSeconds(2));
        Assert.Equal(2, _bed.Simulator.SentMessages.Count);
    }

    [Fact]
    public async Task A_used_up_daily_dm_cap_leaves_the_rest_queued_and_sends_nothing_more()
    {
        var friend = await ProfileAsync(_bed.Simulator.Network.MutualsOf("demo_user")[0]);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add(await QueueAsync(friend, $"message {i} {Guid.NewGuid():N}"));

        var reports = Send(3);
        Assert.Equal(2, reports.OfType<MessageSent>().Count());
        var deferred = Assert.Single(reports.OfType<MessageDeferred>());
        Assert.Equal(ids[2], deferred.MessageId);
        Assert.True(deferred.RetryAt > DateTime.UtcNow);
        Assert.Equal(MessageStatus.Queued, (await _services.Messages.FindAsync(ids[2]))!.Status);
        Assert.Equal(2, _bed.Simulator.SentMessages.Count);
    }

    [Fact]
    public async Task A_refused_dm_fails_its_row_and_closes_the_profile_for_the_retry_window_so_the_next_is_refused_without_a_request()
    {
        var friend = _bed.Simulator.Network.MutualsOf("demo_user")[0];
        var profileId = await ProfileAsync(friend);
        _bed.Simulator.Faults.Add("feedback_required", TextPath, times: 1);
        var first = await QueueAsync(profileId, "first");

        var failed = Assert.IsType<MessageFailed>(Assert.Single(Send(1)));
        Assert.True(failed.Refused);
        var row = (await _services.Messages.FindAsync(first))!;
        Assert.Equal(MessageStatus.Failed, row.Status);
        Assert.Contains("ActionBlockedException", row.ErrorMessage);
        var profile = (await _services.Profiles.FindAsync(profileId))!;
        Assert.Equal(DmInteractionState.Unavailable, profile.DmInteractionState);
        Assert.False(profile.CanMessage);
        Assert.Equal("action_blocked", profile.DmInteractionReason);
        Assert.InRange(profile.DmInteractionRetryAfterAt!.Value, DateTime.UtcNow.AddHours(11.9), DateTime.UtcNow.AddHours(12.1));

        var textRequests = _bed.Simulator.Requests.Count(r => r.PathAndQuery.StartsWith(TextPath, StringComparison.Ordinal));
        var second = await QueueAsync(profileId, "second");
        var refused = Assert.IsType<MessageFailed>(Assert.Single(Send(1)));
        Assert.Equal(second, refused.MessageId);
        Assert.StartsWith("refused: dm_retry_window", (await _services.Messages.FindAsync(second))!.ErrorMessage);
        Assert.Equal(textRequests, _bed.Simulator.Requests.Count(r => r.PathAndQuery.StartsWith(TextPath, StringComparison.Ordinal)));
        Assert.Empty(_bed.Simulator.SentMessages);
    }

    [Fact]
    public async Task A_story_reply_is_sent_once_and_a_refused_one_closes_story_replies_for_three_days()
    {
        var network = _bed.Simulator.Network;
        var now = _bed.Simulator.Clock.GetUtcNow();
        var owner = network.MutualsOf("demo_user").First(u => network.ActiveStoriesOf(u, now).Count > 0);
        var story = network.ActiveStoriesOf(owner, now)[0];
        var profileId = await ProfileAsync(owner);
        var reply = await QueueAsync(profileId, "lovely", story.PkText);

        Assert.IsType<MessageSent>(Assert.Single(Send(1)));
        var recorded = Assert.Single(_bed.Simulator.StoryReplies);
        Assert.Equal(story.MediaId, recorded.StoryMediaId);
        Assert.Equal("lovely", recorded.Text);
        Assert.Equal(MessageStatus.Sent, (await _services.Messages.FindAsync(reply))!.Status);
        Assert.Equal(StoryInteractionState.ReplyAvailable, (await _services.Profiles.FindAsync(profileId))!.StoryInteractionState);

        // A story that is not there: Instagram refuses, the row fails, story replies to the profile close for 3 days.
        var gone = await QueueAsync(profileId, "too late", "1");
        Assert.IsType<MessageFailed>(Assert.Single(Send(1)));
        Assert.Equal(MessageStatus.Failed, (await _services.Messages.FindAsync(gone))!.Status);
        var profile = (await _services.Profiles.FindAsync(profileId))!;
        Assert.Equal(StoryInteractionState.Unavailable, profile.StoryInteractionState);
        Assert.InRange(profile.StoryInteractionRetryAfterAt!.Value, DateTime.UtcNow.AddDays(2.99), DateTime.UtcNow.AddDays(3.01));
        Assert.Single(_bed.Simulator.StoryReplies);
    }

    [Fact]
    public async Task Verifying_messageability_records_the_dm_state_and_finishes_the_action_log()
    {
        var network = _bed.Simulator.Network;
        var followers = network.FollowersOf("demo_user").ToHashSet();
        var follower = await ProfileAsync(followers.First());
        var stranger = await ProfileAsync(network.Usernames.Skip(1).First(u => !followers.Contains(u)));
        var logs = new ProfileActionLogRepository(_bed.Database.Factory());
        var followerLog = await logs.QueueAsync(_bed.AccountId, follower, InstagramProfileActionLog.Actions.VerifyMessageability, "api");
        var strangerLog = await logs.QueueAsync(_bed.AccountId, stranger, InstagramProfileActionLog.Actions.VerifyMessageability, "api");

        _child.Tell(new VerifyMessageability("demo_user", follower, followerLog));
        Assert.Equal(DmInteractionState.Messageable, ExpectMsg<MessageabilityVerified>(Wait).State);
        _child.Tell(new VerifyMessageability("demo_user", stranger, strangerLog));
        Assert.Equal(DmInteractionState.Unknown, ExpectMsg<MessageabilityVerified>(Wait).State);

        var messageable = (await _services.Profiles.FindAsync(follower))!;
        Assert.True(messageable.CanMessage);
        Assert.Equal("follows_account", messageable.DmInteractionReason);
        var unknown = (await _services.Profiles.FindAsync(stranger))!;
        Assert.Null(unknown.CanMessage);
        Assert.NotNull(unknown.DmInteractionRetryAfterAt);
        var log = (await logs.FindAsync(followerLog))!;
        Assert.Equal(RunStatus.Succeeded, log.Status);
        Assert.NotNull(log.StartedAt);
        Assert.Equal("messageable", log.Metadata!["dm_interaction_state"]!.GetValue<string>());
        Assert.Equal(RunStatus.Succeeded, (await logs.FindAsync(strangerLog))!.Status);
    }

    public async Task DisposeAsync()
    {
        Shutdown();
        await _bed.DisposeAsync();
    }
}
