using Akka.Actor;
using InstaIntel.Actors.Processing;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Processing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>The feed-engagement child against the simulator in a real Chromium, on a real SQLite database.</summary>
[Collection(PacedCollection.Name)]
public sealed class FeedEngagementSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly RequestBudgetSettings Budget = new()
    {
        RequestsPerWindow = 10_000, Window = TimeSpan.FromMinutes(1), DailyLikes = 3, DailyComments = 2,
    };
    private ChildTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ChildTestBed.StartAsync(Budget);

    private IActorRef Spawn(TimeSpan retention) =>
        ChildHarness.Spawn(Sys, FeedEngagementActor.Props(_bed.FeedServices(),
                new FeedEngagementSettings { Rounds = 2, PageDelay = TimeSpan.FromMilliseconds(200), MaxNewPosts = 8, MediaRetention = retention },
                Budget, TimeSpan.FromSeconds(1)),
            AccountWorkers.FeedEngagement, TestActor);

    /// <param name="instagramUserId">as the entity knows it after a session import; without it the run asks Instagram once.</param>
    private PhaseSucceeded Run(IActorRef child, string? instagramUserId = null)
    {
        child.Tell(new StartPhase(Guid.NewGuid(), Phase.FeedSync, "demo_user", instagramUserId, "test"));
        return Assert.IsType<PhaseSucceeded>(FishForMessage<IPhaseMessage>(m => m is PhaseSucceeded or PhaseFailed, TimeSpan.FromSeconds(120)));
    }

    [Fact]
    public async Task A_feed_cycle_captures_new_posts_once_engages_within_the_daily_caps_and_records_the_events()
    {
        var child = Spawn(TimeSpan.FromHours(1));
        var first = Run(child);
        Assert.Equal(8, first.Stats["posts_new"]);
        Assert.Equal(3, first.Stats["likes_sent"]);
        Assert.Equal(2, first.Stats["comments_sent"]);

        await using var db = _bed.Database.Factory().Open();
        var posts = await db.InstagramPosts.Where(p => p.InstagramAccountId == _bed.AccountId).ToListAsync();
        Assert.Equal(8, posts.Count);
        Assert.All(posts, p => Assert.True(p.MediaBlobKey is not null && _bed.Blobs.Exists(p.MediaBlobKey)));
        // What the simulator saw is what was recorded, and no more than the caps.
        Assert.Equal(3, _bed.Simulator.Likes.Count(l => l.Username == "demo_user"));
        Assert.Equal(2, _bed.Simulator.Comments.Count(c => c.Username == "demo_user"));
        Assert.Equal(3, await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.PostLiked));
        Assert.Equal(2, await db.InstagramProfileEvents.CountAsync(e => e.Kind == ProfileEventKinds.PostCommentSent));
        Assert.All(posts, p => Assert.NotNull(_bed.Simulator.Network.FindPostByShortcode(p.Shortcode)));

        // The same feed again: nothing is captured twice, and the used-up caps send nothing more.
        var second = Run(child);
        Assert.Equal(8, await db.InstagramPosts.CountAsync(p => p.InstagramAccountId == _bed.AccountId) - second.Stats.GetValueOrDefault("posts_new"));
        Assert.Equal(3, _bed.Simulator.Likes.Count(l => l.Username == "demo_user"));
        Assert.Equal(2, _bed.Simulator.Comments.Count(c => c.Username == "demo_user"));
    }

    [Fact]
    public async Task Feed_media_past_its_retention_is_purged_by_the_next_run()
    {
        var child = Spawn(TimeSpan.Zero);
        Run(child);
        await using var db = _bed.Database.Factory().Open();
        var captured = await db.InstagramPosts.Where(p => p.MediaBlobKey != null).Select(p => new { p.Id, Key = p.MediaBlobKey! }).ToListAsync();
        var keys = captured.Select(p => p.Key).Distinct().ToList();
        var ids = captured.Select(p => p.Id).ToList();
        Assert.NotEmpty(keys);

        var second = Run(child);
        Assert.Equal(ids.Count, second.Stats["media_purged"]);
        // The purged posts stay, without media; their files are gone unless a newer capture brought the same bytes back.
        Assert.Equal(0, await db.InstagramPosts.CountAsync(p => ids.Contains(p.Id) && p.MediaBlobKey != null));
        var recaptured = await db.InstagramPosts.Where(p => !ids.Contains(p.Id) && p.MediaBlobKey != null).Select(p => p.MediaBlobKey!).ToListAsync();
        Assert.All(keys.Except(recaptured), key => Assert.False(_bed.Blobs.Exists(key)));
    }

    public async Task DisposeAsync()
    {
        Shutdown();
        await _bed.DisposeAsync();
    }
}
