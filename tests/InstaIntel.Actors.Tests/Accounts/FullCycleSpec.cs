using InstaIntel.Actors.Accounts;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage;
using InstaIntel.Storage.Posts;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Tests.Accounts;

/// <summary>
/// The account entity with its four real children, run by its own schedule against the simulator in Chromium: one
/// full cycle (story sync, feed sync, follow-graph sync, profile scan) fills the database exactly as the simulator's
/// network is, and a second cycle over the same network adds no row.
/// </summary>
public abstract class FullCycleSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly TimeSpan CycleTimeout = TimeSpan.FromMinutes(3);
    private readonly AccountCycleBed _bed;

    protected FullCycleSpec(DatabaseEngine engine) : this(AccountCycleBed.Start(engine)) { }

    private FullCycleSpec(AccountCycleBed bed) : base(bed.Hosted.System) => _bed = bed;

    private const string Account = AccountCycleBed.Account;

    [Fact]
    public async Task One_cycle_fills_the_database_as_the_network_is_and_a_second_cycle_adds_no_row()
    {
        var network = _bed.Network;
        var started = DateTime.UtcNow;
        await _bed.EnrolAsync();

        // No "run now": the schedule alone runs every phase.
        await _bed.AwaitCycleAsync(started, CycleTimeout);
        await _bed.PauseAndSettleAsync();
        await AssertTheDatabaseHoldsTheNetworkAsync();
        var runs = await _bed.RunsAsync();
        // Every run succeeded but one the pause may have cut off.
        Assert.All(runs, r => Assert.True(r.Row.Status == RunStatus.Succeeded || r.Row.ErrorMessage == "aborted: paused",
            $"{r.Phase} run {r.Row.Id}: {r.Row.Status} {r.Row.ErrorMessage}"));
        Assert.Equal(SyncRunKind.FollowGraph, runs.First(r => r.Phase == "follow_graph_sync").Row.Kind);
        Assert.All(runs.Where(r => r.Phase != "follow_graph_sync"), r => Assert.Equal(SyncRunKind.ContinuousProcessing, r.Row.Kind));
        var firstScan = runs.First(r => r.Phase == "profile_scan" && r.Row.Status == RunStatus.Succeeded);
        Assert.Equal(network.FollowingOf(Account).Count, (int)firstScan.Row.StatsJson!["profiles_scanned"]!);
        var firstCycle = await _bed.CountRowsAsync();
        Assert.All(firstCycle, table => Assert.True(table.Value.Rows > 0, $"{table.Key} is empty"));
        Assert.All(firstCycle, table => Assert.Equal(table.Value.Keys, table.Value.Rows));

        var resumed = DateTime.UtcNow;
        await _bed.AskAsync<AccountView>(new ResumeAccount(Account));
        await _bed.AwaitCycleAsync(resumed, CycleTimeout);
        await _bed.PauseAndSettleAsync();

        // The same network read again: not one row more, in any table, and every key still once.
        Assert.Equal(firstCycle, await _bed.CountRowsAsync());
        await AssertTheDatabaseHoldsTheNetworkAsync();
        // Engagement is not repeated either: the simulator saw each like and comment once.
        Assert.Equal(AccountCycleBed.DailyLikes, _bed.Simulator.Likes.Count(l => l.Username == Account));
        Assert.Equal(AccountCycleBed.DailyComments, _bed.Simulator.Comments.Count(c => c.Username == Account));
        var view = await _bed.ViewAsync();
        Assert.Equal(0, view.FailureCount);
        Assert.Null(view.LastError);
    }

    private async Task AssertTheDatabaseHoldsTheNetworkAsync()
    {
        var network = _bed.Network;
        var now = _bed.Simulator.Clock.GetUtcNow();
        await using var db = _bed.Factory.Open();
        var account = await db.InstagramAccounts.SingleAsync(a => a.Username == Account);
        var profiles = await db.InstagramProfiles.Where(p => p.InstagramAccountId == account.Id).ToListAsync();

        // The follow graph, mutuals exactly as generated.
        var following = network.FollowingOf(Account).ToHashSet();
        Assert.Equal(network.FollowersOf(Account).ToHashSet(), profiles.Where(p => p.FollowsYou).Select(p => p.Username).ToHashSet());
        Assert.Equal(following, profiles.Where(p => p.Following).Select(p => p.Username).ToHashSet());
        Assert.Equal(network.MutualsOf(Account).ToHashSet(), profiles.Where(p => p.Following && p.FollowsYou).Select(p => p.Username).ToHashSet());
        Assert.Equal(6, network.MutualsOf(Account).Count);
        var partners = network.ThreadsOf(Account).Select(t => network.Profile(t.PartnerIndex).Username).ToHashSet();
        Assert.Equal(partners, (await db.ConversationPeers.Where(p => p.InstagramAccountId == account.Id).Select(p => p.Username).ToListAsync()).ToHashSet());

        // Stories: every live story of the followed profiles, once, with its media in the blob store and its two events.
        var expectedStories = following.SelectMany(owner => network.ActiveStoriesOf(owner, now).Select(s => (owner, s.PkText))).ToHashSet();
        Assert.NotEmpty(expectedStories);
        var stories = await (from s in db.InstagramStories
                             join p in db.InstagramProfiles on s.InstagramProfileId equals p.Id
                             select new { p.Username, s.StoryId, s.MediaBlobKey, s.SourceEventId, s.ProcessingStatus }).ToListAsync();
        Assert.Equal(expectedStories, stories.Select(s => (s.Username, s.StoryId)).ToHashSet());
        Assert.Equal(expectedStories.Count, stories.Count);
        Assert.All(stories, s =>
        {
            Assert.True(s.MediaBlobKey is not null && _bed.Blobs.Exists(s.MediaBlobKey), $"story {s.StoryId} has no stored media");
            Assert.NotNull(s.SourceEventId);
            // media-analysis took each captured story through the local pipeline (the workspace phase runs before the profile work).
            Assert.Equal(StoryProcessingStatus.Processed, s.ProcessingStatus);
        });
        Assert.Equal(expectedStories.Count, await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.StoryUploaded));
        Assert.Equal(expectedStories.Count, await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.StoryDownloaded));

        // The feed: posts of the network, each with its media; likes and comments within the caps, each an event.
        var feed = await db.InstagramPosts.Where(p => p.InstagramAccountId == account.Id).ToListAsync();
        Assert.NotEmpty(feed);
        Assert.All(feed, post =>
        {
            Assert.NotNull(network.FindPostByShortcode(post.Shortcode));
            Assert.True(post.MediaBlobKey is not null && _bed.Blobs.Exists(post.MediaBlobKey), $"feed post {post.Shortcode} has no stored media");
        });
        Assert.Equal(_bed.Simulator.Likes.Count(l => l.Username == Account), await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.PostLiked));
        Assert.Equal(_bed.Simulator.Comments.Count(c => c.Username == Account), await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.PostCommentSent));
        Assert.Equal(Math.Min(AccountCycleBed.DailyLikes, feed.Count), await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.PostLiked));

        // The profile scan: each followed profile's newest posts, and the first comments of each.
        var posts = new ProfilePostRepository(_bed.Factory);
        var commentsSeen = 0;
        foreach (var username in following)
        {
            var row = profiles.Single(p => p.Username == username);
            var expected = network.PostsOf(username).Take(AccountCycleBed.PostsPerProfile).ToList();
            var captured = await posts.ListAsync(row.Id);
            Assert.Equal(expected.Select(p => p.Shortcode).Order(), captured.Select(p => p.Shortcode).Order());
            foreach (var post in expected)
            {
                var capture = captured.Single(p => p.Shortcode == post.Shortcode);
                Assert.Equal(post.Caption, capture.Caption);
                // What the simulator shows under the post: its generated comments, then those accounts posted (the
                // feed phase's own comment included).
                var expectedComments = network.CommentsOf(post).Select(c => c.PkText)
                    .Concat(_bed.Simulator.Comments.Where(c => c.MediaPk == post.Pk).Select(c => Simulator.Network.MediaIds.Text(c.CommentPk)))
                    .Take(AccountCycleBed.CommentsPerPost).ToList();
                var capturedComments = await posts.ListCommentsAsync(capture.Id);
                Assert.Equal(expectedComments, capturedComments.Select(c => (string)c.Metadata![ProfilePostRepository.CommentIdKey]!));
                commentsSeen += capturedComments.Count;
            }
        }
        Assert.True(commentsSeen > 0, "the network's followed profiles have no commented posts: the scan proved nothing");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Shutdown();
        await _bed.DisposeAsync();
    }
}

public sealed class FullCycleOnSqliteSpec() : FullCycleSpec(DatabaseEngine.Sqlite);

public sealed class FullCycleOnPostgreSqlSpec() : FullCycleSpec(DatabaseEngine.PostgreSql);
