using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Processing;
using InstaIntel.Actors.Processing.ProfileSync;
using InstaIntel.Actors.Sessions;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Processing;
using InstaIntel.Domain.Profiles;
using InstaIntel.Domain.Security;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Instagram.Transport;
using InstaIntel.Simulator.Faults;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Blobs;
using InstaIntel.Storage.Messaging;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Profiles;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// The <c>profile-sync</c> child against the simulator through the real Playwright client in Chromium, writing to a
/// fresh database per test. The child lives under a <see cref="ChildHarness"/> that hands its reports to the test (as the
/// entity would receive them).
/// </summary>
[Collection(PacedCollection.Name)]
public sealed class ProfileSyncSpec(ProfileSyncFixture fixture)
    : Akka.TestKit.Xunit2.TestKit("akka.loglevel = WARNING"), IClassFixture<ProfileSyncFixture>
{
    private const string Account = ProfileSyncFixture.Account;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    private int _heartbeats;

    private Simulator.Network.SimulatedNetwork Network => fixture.Simulator.Network;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Follow_graph_sync_rebuilds_the_flags_exactly_as_the_network_and_a_second_run_adds_no_rows(DatabaseEngine engine)
    {
        await using var world = await ArrangeAsync(engine);
        // Stale knowledge a complete run must correct: someone who left both lists, and an inbox partner whose DM
        // window was closed after a failed send.
        await world.Profiles.UpsertAsync(new ProfileSnapshot(world.AccountId, "left_long_ago", Following: true, FollowsYou: true));
        var partners = Network.ThreadsOf(Account).Select(t => Network.Profile(t.PartnerIndex).Username).ToHashSet();
        var closed = partners.First();
        await world.Profiles.UpsertAsync(new ProfileSnapshot(world.AccountId, closed));
        await using (var db = world.Factory.Open())
            await db.InstagramProfiles.Where(p => p.Username == closed)
                .Set(p => p.DmInteractionState, DmInteractionState.Unavailable)
                .Set(p => p.DmInteractionRetryAfterAt, DateTime.UtcNow.AddHours(12))
                .UpdateAsync();

        var stats = Succeeded(world.Start(Phase.FollowGraphSync));

        var followers = Network.FollowersOf(Account).ToHashSet();
        var following = Network.FollowingOf(Account).ToHashSet();
        var mutuals = Network.MutualsOf(Account).ToHashSet();
        Assert.Equal(80, mutuals.Count);
        Assert.Equal(followers.Count, stats["followers"]);
        Assert.Equal(following.Count, stats["following"]);
        Assert.Equal(mutuals.Count, stats["mutuals"]);
        Assert.Equal(partners.Count, stats["peers"]);
        Assert.Equal(2, stats["flags_reset"]);
        var profiles = await world.ProfilesAsync();
        Assert.Equal(followers, profiles.Where(p => p.FollowsYou).Select(p => p.Username).ToHashSet());
        Assert.Equal(following, profiles.Where(p => p.Following).Select(p => p.Username).ToHashSet());
        Assert.Equal(mutuals, profiles.Where(p => p.Following && p.FollowsYou).Select(p => p.Username).ToHashSet());
        var gone = profiles.Single(p => p.Username == "left_long_ago");
        Assert.False(gone.Following || gone.FollowsYou);
        var follower = profiles.Single(p => p.Username == followers.First());
        Assert.Equal(Network.Profile(follower.Username).IdText, follower.IgUserId);
        Assert.Equal(Network.Profile(follower.Username).FullName, follower.DisplayName);

        var peers = await new ConversationPeerRepository(world.Factory).ListAsync(world.AccountId);
        Assert.Equal(partners, peers.Select(p => p.Username).ToHashSet());
        Assert.All(peers, peer => Assert.NotNull(peer.LastMessageAt));
        Assert.All(profiles.Where(p => partners.Contains(p.Username)), partner =>
        {
            Assert.Equal(DmInteractionState.Messageable, partner.DmInteractionState);
            Assert.Equal(ProfileSyncReasons.InboxThreadSeen, partner.DmInteractionReason);
            Assert.Null(partner.DmInteractionRetryAfterAt);
            Assert.True(partner.CanMessage);
        });

        var again = Succeeded(world.Start(Phase.FollowGraphSync));
        Assert.Equal(0, again["flags_reset"]);
        var after = await world.ProfilesAsync();
        Assert.Equal(profiles.Count, after.Count);
        Assert.Equal(profiles.OrderBy(p => p.Id).Select(p => (p.Id, p.Username, p.Following, p.FollowsYou)),
            after.OrderBy(p => p.Id).Select(p => (p.Id, p.Username, p.Following, p.FollowsYou)));
        Assert.Equal(peers.Count, (await new ConversationPeerRepository(world.Factory).ListAsync(world.AccountId)).Count);
    }

    [Fact]
    public async Task A_server_error_mid_pagination_fails_the_run_and_clears_no_flag()
    {
        await using var world = await ArrangeAsync();
        await world.Profiles.UpsertAsync(new ProfileSnapshot(world.AccountId, "left_long_ago", Following: true, FollowsYou: true));
        // The inbox is not GraphQL: the first three follower pages pass, the fourth fails.
        fixture.Simulator.Faults.Add(new FaultRule { Fault = "server_error", PathPrefix = "/graphql/query", Account = Account, Skip = 3, Times = 1 });

        var failed = Failed(world.Start(Phase.FollowGraphSync));

        Assert.Equal("TransientException", failed.ErrorType);
        Assert.False(failed.Authentication);
        var profiles = await world.ProfilesAsync();
        var stale = profiles.Single(p => p.Username == "left_long_ago");
        Assert.True(stale.Following && stale.FollowsYou);
        // What the partial run did see it recorded; it never got to the following list.
        Assert.Equal(150, profiles.Count(p => p.FollowsYou && p.Username != "left_long_ago"));
        Assert.DoesNotContain(profiles, p => p.Following && p.Username != "left_long_ago");
    }

    [Fact]
    public async Task A_refused_session_fails_the_run_as_an_authentication_failure()
    {
        await using var world = await ArrangeAsync();
        fixture.Simulator.Faults.Add("login_required", pathPrefix: "/api/v1/direct_v2/inbox/", account: Account, times: 1);

        var failed = Failed(world.Start(Phase.FollowGraphSync));

        Assert.True(failed.Authentication);
        Assert.Equal("AuthenticationRequiredException", failed.ErrorType);
        Assert.True(world.Gate.IsLoggedOut(Account));
    }

    [Fact]
    public async Task Aborting_a_run_stops_its_requests_and_reports_it_aborted()
    {
        // Two requests per 10 s: after the first one the crawl waits over 5 s for the throttle, mid-run.
        await using var world = await ArrangeAsync(budget: new RequestBudgetSettings { RequestsPerWindow = 2, Window = TimeSpan.FromSeconds(10) });
        var before = fixture.LastRequestSequence();
        var runId = world.Start(Phase.FollowGraphSync);
        AwaitCondition(() => RequestsSince(before).Count >= 1, TimeSpan.FromSeconds(30));

        world.Child.Tell(new AbortPhase(runId, "paused"));

        var aborted = Expect<PhaseAborted>(TimeSpan.FromSeconds(3));
        Assert.Equal(runId, aborted.RunId);
        Assert.Equal("paused", aborted.Reason);
        var made = RequestsSince(before).Count;
        await Task.Delay(TimeSpan.FromSeconds(6)); // past the next permit
        Assert.Equal(made, RequestsSince(before).Count);
    }

    [Fact]
    public async Task A_profile_scan_is_paced_so_no_window_exceeds_the_budget_and_the_budget_is_used()
    {
        // A budget the machine can easily keep up with, so what is judged is the pacing: one request per step of
        // the crawl (a grid, a post's comments), the writes running behind through the buffer.
        var budget = new RequestBudgetSettings { RequestsPerWindow = PacedBudget.Requests, Window = PacedBudget.Window, Margin = PacedBudget.Margin };
        // The gate lets everything through: the stream's throttle alone has to keep the budget. Media downloads are crawl
        // steps like the others; left out, so the run stays short.
        await using var world = await ArrangeAsync(budget: budget, share: PacedBudget.Share, downloadPostMedia: false);
        var targets = Network.FollowingOf(Account).Select(Network.Profile).Where(p => !p.IsPrivate && !p.IsBusiness && p.PostCount > 0).Take(50).ToList();
        foreach (var profile in targets)
            await world.Profiles.UpsertAsync(new ProfileSnapshot(world.AccountId, profile.Username, Following: true));
        var before = fixture.LastRequestSequence();

        var stats = Succeeded(world.Start(Phase.ProfileScan));

        Assert.Equal(targets.Count, stats["profiles_scanned"]);
        BudgetUse.AssertWithinAndUsed(RequestsSince(before), budget);
        Assert.True(_heartbeats > 0, "no heartbeat while the run took seconds");
    }

    [Fact]
    public async Task Profile_scan_stores_recent_posts_and_comments_once_and_skips_private_and_excluded_profiles()
    {
        await using var world = await ArrangeAsync();
        var followed = Network.FollowingOf(Account).Select(Network.Profile)
            .Where(p => !p.IsPrivate && !p.IsBusiness && Network.PostsOf(p).Any(post => post.CommentCount > 0))
            .Take(4)
            .ToList();
        var scanned = followed.Take(3).ToList();
        var excluded = followed[3];
        // A private profile the account no longer follows, with a stale flag: its posts are hidden.
        var hidden = Network.Profiles.First(p => p.IsPrivate && p.Index != 0 && !Network.Follows(Account, p.Username));
        foreach (var profile in followed.Append(hidden))
            await world.Profiles.UpsertAsync(new ProfileSnapshot(world.AccountId, profile.Username, Following: true));
        var excludedId = (await world.Profiles.FindAsync(world.AccountId, excluded.Username))!.Id;
        await world.Profiles.AddTagAsync(excludedId, ProfileTag.WellKnown.ProfileScanExcluded);

        var stats = Succeeded(world.Start(Phase.ProfileScan));

        Assert.Equal(4, stats["profiles_due"]);
        Assert.Equal(3, stats["profiles_scanned"]);
        Assert.Equal(1, stats["profiles_skipped_private"]);
        var posts = new ProfilePostRepository(world.Factory);
        var logs = new ProfileActionLogRepository(world.Factory);
        var stored = new Dictionary<string, (int Posts, int Comments)>();
        foreach (var profile in scanned)
        {
            var row = (await world.Profiles.FindAsync(world.AccountId, profile.Username))!;
            var expected = Network.PostsOf(profile).Take(3).ToList();
            var captured = await posts.ListAsync(row.Id);
            Assert.Equal(expected.Select(p => p.Shortcode).Order(), captured.Select(p => p.Shortcode).Order());
            var comments = 0;
            foreach (var post in expected)
            {
                var capture = captured.Single(p => p.Shortcode == post.Shortcode);
                Assert.Equal(post.Caption, capture.Caption);
                Assert.Equal(post.LikeCount, capture.LikesCount);
                Assert.Equal(post.CommentCount, capture.CommentsCount);
                Assert.Equal(post.TakenAt.UtcDateTime, capture.TakenAt);
                Assert.NotNull(capture.SourceMediaUrl);
                var expectedComments = Network.CommentsOf(post).Take(8).ToList();
                var capturedComments = await posts.ListCommentsAsync(capture.Id);
                Assert.Equal(expectedComments.Select(c => (c.PkText, c.Text, Network.Profile(c.AuthorIndex).Username)),
                    capturedComments.Select(c => ((string)c.Metadata![ProfilePostRepository.CommentIdKey]!, c.Body, c.AuthorUsername!)));
                comments += capturedComments.Count;
            }
            Assert.Equal(expected.Max(p => p.TakenAt).UtcDateTime, row.LastPostAt);
            var log = Assert.Single(await logs.ListAsync(row.Id));
            Assert.Equal((InstagramProfileActionLog.Actions.CapturePosts, RunStatus.Succeeded, "schedule"), (log.Action, log.Status, log.TriggerSource));
            Assert.NotNull(log.StartedAt);
            Assert.NotNull(log.FinishedAt);
            stored[profile.Username] = (captured.Count, comments);
        }
        Assert.Equal(stored.Values.Sum(v => v.Comments), stats["comments_new"]);

        // Recent posts have their media stored, byte for byte what Instagram serves; older ones say why they have none.
        var window = new ProfileSyncSettings().PostMediaWithin;
        using var plain = fixture.Simulator.CreateClient(webHeaders: false);
        var downloaded = 0;
        foreach (var profile in scanned)
        {
            var id = (await world.Profiles.FindAsync(world.AccountId, profile.Username))!.Id;
            foreach (var capture in await posts.ListAsync(id))
            {
                var age = DateTime.UtcNow - capture.TakenAt!.Value;
                var download = capture.Metadata!.AdditionalFields![ProfilePostRepository.DownloadStatusKey].GetString();
                if (age < window - TimeSpan.FromMinutes(5))
                {
                    Assert.True(download is "downloaded" or "already_downloaded", $"{capture.Shortcode} ({age.TotalDays:F1} days old): {download}");
                    var url = capture.Metadata.AdditionalFields["media_urls"][0].GetString()!;
                    Assert.Equal(await plain.GetByteArrayAsync(url), await world.Blobs.ReadAsync(capture.MediaBlobKey!));
                    Assert.Equal(ProfilePostRepository.UrlFingerprint(new Uri(url)), capture.MediaUrlFingerprint);
                    downloaded++;
                }
                else if (age > window + TimeSpan.FromMinutes(5))
                {
                    Assert.Equal(("skipped", ProfileSyncReasons.OutsideRecentWindow, null),
                        (download, capture.Metadata.AdditionalFields[ProfilePostRepository.DownloadReasonKey].GetString(), capture.MediaBlobKey));
                }
            }
        }
        Assert.True(downloaded > 0, "no scanned post is recent: the download proved nothing");
        Assert.Equal(downloaded, stats["post_media_downloaded"]);
        var hiddenLog = Assert.Single(await logs.ListAsync((await world.Profiles.FindAsync(world.AccountId, hidden.Username))!.Id));
        Assert.Equal(RunStatus.Succeeded, hiddenLog.Status);
        Assert.Equal(ProfileSyncReasons.PrivateProfile, (string?)hiddenLog.Metadata!["reason_code"]);
        Assert.Empty(await logs.ListAsync(excludedId));
        Assert.Empty(await posts.ListAsync(excludedId));

        var again = Succeeded(world.Start(Phase.ProfileScan));

        Assert.Equal(3, again["profiles_scanned"]);
        Assert.Equal(0, again["comments_new"]);
        // Stored media is not fetched again.
        Assert.Equal(0, again["post_media_downloaded"]);
        foreach (var profile in scanned)
        {
            var id = (await world.Profiles.FindAsync(world.AccountId, profile.Username))!.Id;
            var captured = await posts.ListAsync(id);
            var comments = 0;
            foreach (var capture in captured) comments += (await posts.ListCommentsAsync(capture.Id)).Count;
            Assert.Equal(stored[profile.Username], (captured.Count, comments));
            Assert.Equal(2, (await logs.ListAsync(id)).Count);
        }
    }

    [Fact]
    public async Task An_aborted_scan_fails_the_action_logs_it_had_not_finished()
    {
        await using var world = await ArrangeAsync(budget: new RequestBudgetSettings { RequestsPerWindow = 2, Window = TimeSpan.FromSeconds(10) });
        var targets = Network.FollowingOf(Account).Select(Network.Profile).Where(p => !p.IsPrivate && p.PostCount > 0).Take(3).ToList();
        foreach (var profile in targets)
            await world.Profiles.UpsertAsync(new ProfileSnapshot(world.AccountId, profile.Username, Following: true));
        var before = fixture.LastRequestSequence();
        var runId = world.Start(Phase.ProfileScan);
        AwaitCondition(() => RequestsSince(before).Count >= 1, TimeSpan.FromSeconds(30));

        world.Child.Tell(new AbortPhase(runId, "paused"));

        Expect<PhaseAborted>(TimeSpan.FromSeconds(3));
        var logs = new ProfileActionLogRepository(world.Factory);
        foreach (var profile in targets)
        {
            var log = Assert.Single(await logs.ListAsync((await world.Profiles.FindAsync(world.AccountId, profile.Username))!.Id));
            Assert.Equal(RunStatus.Failed, log.Status);
            Assert.Equal("aborted: paused", log.ErrorMessage);
            Assert.NotNull(log.FinishedAt);
        }
    }

    [Fact]
    public async Task Profile_refresh_updates_details_and_tags_a_business_profile_unless_tagged_a_person()
    {
        await using var world = await ArrangeAsync();
        var business = Network.Profiles.Where(p => p.IsBusiness && p.Index != 0).Take(2).ToList();
        var person = Network.Profiles.First(p => !p.IsBusiness && p.Index != 0 && p.Category is null);
        foreach (var profile in business.Append(person))
            await world.Profiles.UpsertAsync(new ProfileSnapshot(world.AccountId, profile.Username));
        var friendId = (await world.Profiles.FindAsync(world.AccountId, business[1].Username))!.Id;
        await world.Profiles.AddTagAsync(friendId, ProfileTag.WellKnown.Friend);

        var stats = Succeeded(world.Start(Phase.ProfileRefresh));

        Assert.Equal(3, stats["profiles_refreshed"]);
        Assert.Equal(1, stats["profiles_excluded"]);
        Assert.Equal(3, stats["avatars_changed"]);
        var logs = new ProfileActionLogRepository(world.Factory);
        foreach (var profile in business.Append(person))
        {
            var row = (await world.Profiles.FindAsync(world.AccountId, profile.Username))!;
            Assert.Equal(profile.IdText, row.IgUserId);
            Assert.Equal(profile.FullName, row.DisplayName);
            Assert.Equal(profile.Biography, row.Bio);
            Assert.Equal(profile.FollowerCount, row.FollowersCount);
            Assert.NotNull(row.ProfilePicUrl);
            var path = new Uri(row.ProfilePicUrl!).AbsolutePath;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path))), row.AvatarUrlFingerprint);
            var log = Assert.Single(await logs.ListAsync(row.Id));
            Assert.Equal((InstagramProfileActionLog.Actions.FetchDetails, RunStatus.Succeeded), (log.Action, log.Status));
        }
        Assert.Contains(ProfileTag.WellKnown.ProfileScanExcluded, await world.Profiles.TagsOfAsync((await world.Profiles.FindAsync(world.AccountId, business[0].Username))!.Id));
        Assert.DoesNotContain(ProfileTag.WellKnown.ProfileScanExcluded, await world.Profiles.TagsOfAsync(friendId));
        Assert.Empty(await world.Profiles.TagsOfAsync((await world.Profiles.FindAsync(world.AccountId, person.Username))!.Id));

        var again = Succeeded(world.Start(Phase.ProfileRefresh));
        Assert.Equal(3, again["profiles_refreshed"]);
        Assert.Equal(0, again["avatars_changed"]);
        Assert.Equal(0, again["profiles_excluded"]);
    }

    // --- arrangement ---------------------------------------------------------------------------------------------

    private async Task<World> ArrangeAsync(DatabaseEngine engine = DatabaseEngine.Sqlite, RequestBudgetSettings? budget = null, double share = 0.95, bool downloadPostMedia = true)
    {
        var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var factory = database.Factory();
        var accounts = new AccountRepository(factory);
        await accounts.ProjectAsync(new InstagramAccount { Username = Account, LoginState = LoginState.Authenticated, ProjectedSequenceNr = 1 });
        var sessions = new AccountSessionStore(accounts, new SessionVault(new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize))));
        Assert.True(await sessions.SaveAsync(Account, fixture.Session, CancellationToken.None));
        var gate = new InMemoryRequestGate(ProfileSyncFixture.Unlimited);
        var client = fixture.Client(gate);
        var settings = new ProfileSyncSettings
        {
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            ProfileScanBatchSize = 50,
            ProfileScanMinInterval = TimeSpan.Zero,
            ProfileRefreshMinInterval = TimeSpan.Zero,
            BudgetShare = share,
            PostMediaWithin = downloadPostMedia ? new ProfileSyncSettings().PostMediaWithin : TimeSpan.Zero,
        };
        var account = new AccountEntitySettings { Budget = budget ?? ProfileSyncFixture.Unlimited };
        var blobFolder = Directory.CreateTempSubdirectory("instaintel-profile-sync-blobs").FullName;
        var blobs = new BlobStore(new BlobOptions { Path = blobFolder });
        var child = ProfileSyncActor.Props(new AccountWorkContextLoader(accounts, sessions, client), client, ProfileSyncStores.From(factory, blobs), account, settings);
        var worker = ChildHarness.Spawn(Sys, child, ProfileSyncActor.ChildName, TestActor);
        var accountId = (await accounts.FindAsync(Account))!.Id;
        return new World(database, factory, worker, accountId, gate, new ProfileRepository(factory), fixture, Network.DemoAccount.IdText, blobs, blobFolder);
    }

    private IReadOnlyList<Simulator.Recording.RecordedRequest> RequestsSince(long sequence) =>
        fixture.Simulator.Requests.Where(r => r.Sequence > sequence && r.Username == Account).ToList();

    private ImmutableDictionary<string, int> Succeeded(Guid runId)
    {
        var report = Expect<IPhaseMessage>(RunTimeout);
        if (report is PhaseFailed failed)
            Assert.Fail($"the run failed: {failed.ErrorType}: {failed.Message}");
        var succeeded = Assert.IsType<PhaseSucceeded>(report);
        Assert.Equal(runId, succeeded.RunId);
        return succeeded.Stats;
    }

    private PhaseFailed Failed(Guid runId)
    {
        var failed = Expect<PhaseFailed>(RunTimeout);
        Assert.Equal(runId, failed.RunId);
        return failed;
    }

    /// <summary>The next report of the child other than a heartbeat (those are counted).</summary>
    private T Expect<T>(TimeSpan within) where T : IPhaseMessage
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var message = ExpectMsg<IPhaseMessage>(deadline - DateTime.UtcNow);
            if (message is PhaseHeartbeat)
            {
                _heartbeats++;
                continue;
            }
            // Downloaded post media is announced to the entity (for media-analysis) before the run's report.
            if (message is MediaCaptured && typeof(T) != typeof(MediaCaptured)) continue;
            return Assert.IsAssignableFrom<T>(message);
        }
    }

    private sealed record World(
        TestDatabase Database, InstaIntelDbFactory Factory, IActorRef Child, long AccountId, InMemoryRequestGate Gate,
        ProfileRepository Profiles, ProfileSyncFixture Fixture, string InstagramUserId, BlobStore Blobs, string BlobFolder) : IAsyncDisposable
    {
        public Guid Start(Phase phase)
        {
            var runId = Guid.NewGuid();
            Child.Tell(new StartPhase(runId, phase, Account, InstagramUserId, "schedule"));
            return runId;
        }

        public async Task<List<InstagramProfile>> ProfilesAsync()
        {
            await using var db = Factory.Open();
            return await db.InstagramProfiles.Where(p => p.InstagramAccountId == AccountId).ToListAsync();
        }

        public async ValueTask DisposeAsync()
        {
            Fixture.Simulator.Faults.Clear();
            await Database.DisposeAsync();
            Directory.Delete(BlobFolder, recursive: true);
        }
    }
}
