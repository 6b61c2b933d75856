using System.Collections.Immutable;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Storage.Messaging;
using InstaIntel.Storage.Profiles;

namespace InstaIntel.Actors.Processing.ProfileSync;

/// <summary>A page of the follow-graph crawl.</summary>
internal abstract record FollowGraphPage;

internal sealed record InboxPage(IReadOnlyList<InboxThread> Threads) : FollowGraphPage;

/// <summary>A page of followers (<see cref="FollowFlag.FollowsYou"/>) or following; <paramref name="ListComplete"/> on the list's last page.</summary>
internal sealed record FollowListPage(FollowFlag List, IReadOnlyList<InstagramUser> Users, bool ListComplete) : FollowGraphPage;

/// <summary>
/// The follow-graph sync (BEHAVIOUR.md §2): inbox partners, followers and following, one paced crawl over the three
/// lists in turn. Each page is written as it arrives (profiles upserted with the flag the list stands for, inbox
/// partners into <c>conversation_peers</c> and marked messageable); flags are cleared only after the whole run
/// succeeded, and only for a list read to its end in this run: a partial run never clears a flag.
/// </summary>
internal static class FollowGraphSync
{
    public static async Task<ImmutableDictionary<string, int>> RunAsync(ProfileSyncRun run)
    {
        var crawl = new FollowGraphCrawl(run);
        var writer = new FollowGraphWriter(run);
        await run.RunAsync<FollowGraphPage>(crawl.NextAsync, writer.WriteAsync);
        return await writer.FinishAsync();
    }

    /// <summary>Walks the inbox, then the followers, then the following, one page a step, each list from its first page.</summary>
    private sealed class FollowGraphCrawl(ProfileSyncRun run)
    {
        private enum Stage { Inbox, Followers, Following, Done }

        private Stage _stage = Stage.Inbox;
        private string? _cursor;
        private int _pages;

        public async Task<CrawlStep<FollowGraphPage>> NextAsync(CancellationToken cancellationToken)
        {
            var session = run.Account.Session;
            switch (_stage)
            {
                case Stage.Inbox:
                    var inbox = await run.Instagram.GetInboxAsync(session, _cursor, cancellationToken);
                    Advance(inbox, run.Settings.InboxMaxPages);
                    return Step(new InboxPage(inbox.Items));
                case Stage.Followers or Stage.Following:
                    var followers = _stage == Stage.Followers;
                    var page = followers
                        ? await run.Instagram.GetFollowersAsync(session, run.Account.InstagramUserId, _cursor, cancellationToken)
                        : await run.Instagram.GetFollowingAsync(session, run.Account.InstagramUserId, _cursor, cancellationToken);
                    var complete = !page.HasNext;
                    Advance(page, run.Settings.FollowListMaxPages);
                    return Step(new FollowListPage(followers ? FollowFlag.FollowsYou : FollowFlag.Following, page.Items, complete));
                default:
                    return CrawlStep<FollowGraphPage>.Done;
            }
        }

        /// <summary>On to the next page, or to the next list when this one ended, hit its page limit or repeated a cursor.</summary>
        private void Advance<T>(Page<T> page, int maxPages)
        {
            _pages++;
            if (page is { HasNext: true, NextCursor: { } next } && next != _cursor && _pages < maxPages)
            {
                _cursor = next;
                return;
            }
            _stage++;
            _cursor = null;
            _pages = 0;
        }

        private CrawlStep<FollowGraphPage> Step(FollowGraphPage page) => new([page], _stage == Stage.Done);
    }

    /// <summary>Writes each page; at the end clears the flags a complete list no longer holds and counts.</summary>
    private sealed class FollowGraphWriter(ProfileSyncRun run)
    {
        private readonly HashSet<string> _followers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _following = new(StringComparer.Ordinal);
        private readonly HashSet<string> _peers = new(StringComparer.Ordinal);
        private bool _followersComplete;
        private bool _followingComplete;

        public Task WriteAsync(FollowGraphPage page) => page switch
        {
            InboxPage inbox => WriteInboxAsync(inbox),
            FollowListPage list => WriteListAsync(list),
            _ => throw new ArgumentOutOfRangeException(nameof(page)),
        };

        private async Task WriteInboxAsync(InboxPage page)
        {
            var now = DateTime.UtcNow;
            var partners = page.Threads
                .SelectMany(thread => thread.Users.Select(user => (User: user, At: thread.LastActivityAt)))
                .Where(p => !run.IsSelf(p.User.Username, p.User.Id))
                .GroupBy(p => p.User.Username, StringComparer.Ordinal)
                .Select(g => (g.First().User, At: g.Max(p => p.At)))
                .ToList();
            var usernames = partners.Select(p => p.User.Username).ToList();
            await run.Stores.Peers.UpsertManyAsync(run.AccountId,
                partners.Select(p => new PeerSighting(p.User.Username, p.User.FullName, p.At?.UtcDateTime)).ToList(), run.Cancellation);
            await run.Stores.Profiles.UpsertManyAsync(partners.Select(p => Snapshot(p.User, now)).ToList(), run.Cancellation);
            await run.Stores.Profiles.MarkMessageableAsync(run.AccountId, usernames, ProfileSyncReasons.InboxThreadSeen, now, run.Cancellation);
            _peers.UnionWith(usernames);
        }

        private async Task WriteListAsync(FollowListPage page)
        {
            var now = DateTime.UtcNow;
            var users = page.Users.Where(u => !run.IsSelf(u.Username, u.Id)).DistinctBy(u => u.Username, StringComparer.Ordinal).ToList();
            var following = page.List == FollowFlag.Following;
            await run.Stores.Profiles.UpsertManyAsync(
                users.Select(u => Snapshot(u, now) with { Following = following ? true : null, FollowsYou = following ? null : true }).ToList(),
                run.Cancellation);
            (following ? _following : _followers).UnionWith(users.Select(u => u.Username));
            if (!page.ListComplete) return;
            if (following) _followingComplete = true;
            else _followersComplete = true;
        }

        private ProfileSnapshot Snapshot(InstagramUser user, DateTime now) =>
            new(run.AccountId, user.Username, IgUserId: user.Id, DisplayName: Blank(user.FullName), ProfilePicUrl: Blank(user.ProfilePicUrl), SyncedAt: now);

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

        public async Task<ImmutableDictionary<string, int>> FinishAsync()
        {
            var reset = 0;
            if (_followersComplete) reset += await ClearMissingAsync(FollowFlag.FollowsYou, _followers);
            if (_followingComplete) reset += await ClearMissingAsync(FollowFlag.Following, _following);
            return ImmutableDictionary<string, int>.Empty
                .Add("followers", _followers.Count)
                .Add("following", _following.Count)
                .Add("mutuals", _followers.Count(_following.Contains))
                .Add("peers", _peers.Count)
                .Add("flags_reset", reset)
                .Add("followers_complete", _followersComplete ? 1 : 0)
                .Add("following_complete", _followingComplete ? 1 : 0);
        }

        private async Task<int> ClearMissingAsync(FollowFlag flag, HashSet<string> seen)
        {
            var flagged = await run.Stores.Profiles.ListFlaggedAsync(run.AccountId, flag, run.Cancellation);
            var gone = flagged.Where(username => !seen.Contains(username)).ToList();
            return await run.Stores.Profiles.ClearFlagAsync(run.AccountId, flag, gone, run.Cancellation);
        }
    }
}
