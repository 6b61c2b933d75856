using System.Text.Json.Nodes;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Profiles;
using InstaIntel.Storage.Messaging;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Tests.Repositories;

/// <summary>The repository methods the profile-sync child stands on, on both engines.</summary>
public sealed class ProfileSyncStorageTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Profiles_due_for_a_scan_are_followed_untagged_and_never_or_least_recently_captured_first(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profiles = new ProfileRepository(database.Factory());
        var logs = new ProfileActionLogRepository(database.Factory());
        async Task<long> Followed(string username) => await profiles.UpsertAsync(new ProfileSnapshot(accountId, username, Following: true));
        var old = await Followed("scanned_long_ago");
        var recent = await Followed("scanned_just_now");
        var never = await Followed("never_scanned");
        var excluded = await Followed("a_page");
        await profiles.UpsertAsync(new ProfileSnapshot(accountId, "only_follows_alice", FollowsYou: true));
        await profiles.AddTagAsync(excluded, " Profile_Scan_Excluded");
        await logs.QueueAsync(accountId, old, InstagramProfileActionLog.Actions.CapturePosts, "schedule");
        await using (var db = database.Factory().Open())
            await db.InstagramProfileActionLogs.Where(l => l.InstagramProfileId == old).Set(l => l.OccurredAt, DateTime.UtcNow.AddHours(-3)).UpdateAsync();
        await logs.QueueAsync(accountId, recent, InstagramProfileActionLog.Actions.CapturePosts, "schedule");
        // Another action does not count as a capture.
        await logs.QueueAsync(accountId, never, InstagramProfileActionLog.Actions.FetchDetails, "schedule");

        var due = await profiles.ListDueForScanAsync(accountId, InstagramProfileActionLog.Actions.CapturePosts,
            ProfileTag.WellKnown.ProfileScanExcluded, DateTime.UtcNow.AddSeconds(1), 10);
        Assert.Equal(["never_scanned", "scanned_long_ago", "scanned_just_now"], due.Select(p => p.Username));

        var notRecent = await profiles.ListDueForScanAsync(accountId, InstagramProfileActionLog.Actions.CapturePosts,
            ProfileTag.WellKnown.ProfileScanExcluded, DateTime.UtcNow.AddMinutes(-30), 10);
        Assert.Equal(["never_scanned", "scanned_long_ago"], notRecent.Select(p => p.Username));
        Assert.Single(await profiles.ListDueForScanAsync(accountId, InstagramProfileActionLog.Actions.CapturePosts,
            ProfileTag.WellKnown.ProfileScanExcluded, DateTime.UtcNow.AddSeconds(1), 1));

        var refresh = await profiles.ListDueForRefreshAsync(accountId, InstagramProfileActionLog.Actions.FetchDetails, DateTime.UtcNow.AddSeconds(1), 10);
        Assert.Equal("never_scanned", refresh[^1].Username); // the only one refreshed already
        Assert.Equal(5, refresh.Count);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Clearing_a_flag_touches_only_the_named_profiles_and_that_flag(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var otherAccount = await Parents.AccountAsync(database, "carol");
        var profiles = new ProfileRepository(database.Factory());
        await profiles.UpsertManyAsync([
            new ProfileSnapshot(accountId, "gone", Following: true, FollowsYou: true),
            new ProfileSnapshot(accountId, "stays", Following: true, FollowsYou: true),
            new ProfileSnapshot(otherAccount, "gone", Following: true, FollowsYou: true),
        ]);

        Assert.Equal(1, await profiles.ClearFlagAsync(accountId, FollowFlag.FollowsYou, ["gone"]));
        Assert.Equal(0, await profiles.ClearFlagAsync(accountId, FollowFlag.FollowsYou, ["gone"]));

        Assert.Equal(["stays"], await profiles.ListFlaggedAsync(accountId, FollowFlag.FollowsYou));
        Assert.Equal(["gone", "stays"], (await profiles.ListFlaggedAsync(accountId, FollowFlag.Following)).Order());
        Assert.Equal(["gone"], await profiles.ListFlaggedAsync(otherAccount, FollowFlag.FollowsYou));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task An_inbox_partner_becomes_messageable_with_its_retry_window_cleared(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profiles = new ProfileRepository(database.Factory());
        var id = await profiles.UpsertAsync(new ProfileSnapshot(accountId, "bob"));
        await using (var db = database.Factory().Open())
            await db.InstagramProfiles.Where(p => p.Id == id)
                .Set(p => p.DmInteractionState, DmInteractionState.Unavailable)
                .Set(p => p.RestrictionReason, "403")
                .Set(p => p.DmInteractionRetryAfterAt, DateTime.UtcNow.AddDays(3))
                .UpdateAsync();

        var at = DateTime.UtcNow;
        Assert.Equal(1, await profiles.MarkMessageableAsync(accountId, ["bob", "nobody"], "inbox_thread_seen", at));

        var bob = (await profiles.FindAsync(id))!;
        Assert.Equal(DmInteractionState.Messageable, bob.DmInteractionState);
        Assert.Equal("inbox_thread_seen", bob.DmInteractionReason);
        Assert.True(bob.CanMessage);
        Assert.Null(bob.RestrictionReason);
        Assert.Null(bob.DmInteractionRetryAfterAt);
        Assert.NotNull(bob.DmInteractionCheckedAt);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Details_keep_what_a_page_did_not_show_and_report_the_previous_fingerprint(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profiles = new ProfileRepository(database.Factory());
        var id = await profiles.UpsertAsync(new ProfileSnapshot(accountId, "bob", DisplayName: "Bob", FollowersCount: 5));

        Assert.Null(await profiles.ApplyDetailsAsync(id, new ProfileDetailsUpdate(DateTime.UtcNow, Bio: "hi", ProfilePicUrl: "https://cdn/a.jpg", AvatarUrlFingerprint: "f1")));
        Assert.Equal("f1", await profiles.ApplyDetailsAsync(id, new ProfileDetailsUpdate(DateTime.UtcNow, FollowersCount: 7)));

        var bob = (await profiles.FindAsync(id))!;
        Assert.Equal(("Bob", "hi", 7, "https://cdn/a.jpg", "f1"), (bob.DisplayName, bob.Bio, bob.FollowersCount, bob.ProfilePicUrl, bob.AvatarUrlFingerprint));

        await profiles.AdvanceLastPostAtAsync(id, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        await profiles.AdvanceLastPostAtAsync(id, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), (await profiles.FindAsync(id))!.LastPostAt);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Tagging_twice_keeps_one_tag_and_one_tagging(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profiles = new ProfileRepository(database.Factory());
        var bob = await profiles.UpsertAsync(new ProfileSnapshot(accountId, "bob"));
        var carol = await profiles.UpsertAsync(new ProfileSnapshot(accountId, "carol"));

        Assert.True(await profiles.AddTagAsync(bob, "profile_scan_excluded"));
        Assert.False(await profiles.AddTagAsync(bob, "Profile_Scan_Excluded "));
        Assert.True(await profiles.AddTagAsync(carol, "profile_scan_excluded"));

        Assert.Equal(["profile_scan_excluded"], await profiles.TagsOfAsync(bob));
        await using var db = database.Factory().Open();
        Assert.Equal(1, await db.ProfileTags.CountAsync());
        Assert.Equal(2, await db.InstagramProfileTaggings.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_comment_is_stored_once_per_instagram_comment_id(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        var posts = new ProfilePostRepository(database.Factory());
        var postId = await posts.UpsertCapturedAsync(new InstagramProfilePost { InstagramAccountId = accountId, InstagramProfileId = profileId, Shortcode = "abc" });
        InstagramProfilePostComment Comment(string id, string body) => new()
        {
            InstagramProfileId = profileId,
            Body = body,
            Metadata = new JsonObject { [ProfilePostRepository.CommentIdKey] = id },
        };

        Assert.Equal(2, await posts.AddNewCommentsAsync(postId, [Comment("1", "nice"), Comment("2", "wow")]));
        Assert.Equal(1, await posts.AddNewCommentsAsync(postId, [Comment("2", "wow"), Comment("3", "late"), Comment("3", "late")]));

        Assert.Equal(["nice", "wow", "late"], (await posts.ListCommentsAsync(postId)).Select(c => c.Body));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task An_action_log_goes_queued_running_finished_and_a_finished_log_stays_as_it_ended(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        var logs = new ProfileActionLogRepository(database.Factory());

        var id = await logs.QueueAsync(accountId, profileId, InstagramProfileActionLog.Actions.CapturePosts, "api", new JsonObject { ["run_id"] = "r1" });
        Assert.Equal(RunStatus.Queued, (await logs.FindAsync(id))!.Status);
        var started = DateTime.UtcNow;
        await logs.MarkRunningAsync(id, started);
        Assert.Equal(RunStatus.Running, (await logs.FindAsync(id))!.Status);
        await logs.MarkSucceededAsync(id, started.AddSeconds(2), "captured 3 posts", new JsonObject { ["posts"] = 3 });
        await logs.MarkFailedAsync(id, started.AddSeconds(3), "too late");

        var log = (await logs.FindAsync(id))!;
        Assert.Equal((RunStatus.Succeeded, "api", "captured 3 posts", (string?)null), (log.Status, log.TriggerSource, log.LogText, log.ErrorMessage));
        Assert.Equal("r1", (string?)log.Metadata!["run_id"]);
        Assert.Equal(3, (int?)log.Metadata["posts"]);
        Assert.NotNull(log.StartedAt);
        Assert.True(log.FinishedAt >= log.StartedAt);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_conversation_peer_is_one_row_whose_last_message_only_moves_forward(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var peers = new ConversationPeerRepository(database.Factory());
        var later = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc);

        await peers.UpsertManyAsync(accountId, [new PeerSighting("bob", "Bob", later)]);
        await peers.UpsertManyAsync(accountId, [new PeerSighting("bob", " ", later.AddDays(-1)), new PeerSighting("carol", null, null)]);
        await peers.UpsertManyAsync(accountId, [new PeerSighting("carol", "Carol", later)]);

        var rows = await peers.ListAsync(accountId);
        Assert.Equal([("bob", "Bob", (DateTime?)later), ("carol", "Carol", later)], rows.Select(p => (p.Username, p.DisplayName, p.LastMessageAt)));
    }
}
