using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Profiles;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Node.Dashboard;

/// <summary>
/// What the dashboard's pages read, straight from the application database: one short query per panel, each
/// bounded (pages never load a whole table).
/// </summary>
public sealed class DashboardQueries(InstaIntelDbFactory factory)
{
    public const int ProfilesPerPage = 50;
    public const int RecentRows = 25;

    public async Task<IReadOnlyList<InstagramAccount>> AccountsAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        return await db.InstagramAccounts.OrderBy(a => a.Username).Take(1000).ToListAsync(cancellationToken);
    }

    public async Task<InstagramAccount?> AccountAsync(string username, CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        return await db.InstagramAccounts.FirstOrDefaultAsync(a => a.Username == username, cancellationToken);
    }

    public async Task<AccountActivity> ActivityAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        var runs = await db.SyncRuns.Where(r => r.InstagramAccountId == accountId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(RecentRows).ToListAsync(cancellationToken);
        var actions = await (from log in db.InstagramProfileActionLogs
                             join profile in db.InstagramProfiles on log.InstagramProfileId equals profile.Id
                             where log.InstagramAccountId == accountId
                             orderby log.OccurredAt descending, log.Id descending
                             select new ActionLogRow(log, profile.Username)).Take(RecentRows).ToListAsync(cancellationToken);
        var failures = await db.BackgroundJobFailures.Where(f => f.InstagramAccountId == accountId)
            .OrderByDescending(f => f.OccurredAt).ThenByDescending(f => f.Id).Take(RecentRows).ToListAsync(cancellationToken);
        var issues = await db.AppIssues.Where(i => i.InstagramAccountId == accountId && i.Status == IssueStatus.Open)
            .OrderByDescending(i => i.LastSeenAt).Take(RecentRows).ToListAsync(cancellationToken);
        var counts = new AccountCounts(
            await db.InstagramProfiles.CountAsync(p => p.InstagramAccountId == accountId, cancellationToken),
            await db.InstagramProfiles.CountAsync(p => p.InstagramAccountId == accountId && p.Following && p.FollowsYou, cancellationToken),
            await db.InstagramStories.CountAsync(s => s.InstagramAccountId == accountId, cancellationToken),
            await (from e in db.InstagramProfileEvents join p in db.InstagramProfiles on e.InstagramProfileId equals p.Id where p.InstagramAccountId == accountId select e.Id).CountAsync(cancellationToken),
            await db.InstagramPosts.CountAsync(p => p.InstagramAccountId == accountId, cancellationToken),
            // A person merged into another keeps its row (metadata.merged_into_person_id) with no appearances left.
            await db.InstagramStoryPeople.CountAsync(p => p.InstagramAccountId == accountId && p.AppearanceCount > 0, cancellationToken));
        return new AccountActivity(runs, actions, failures, issues, counts);
    }

    /// <summary>A page of the account's profiles, optionally filtered by a username / display-name substring.</summary>
    public async Task<ProfilePage> ProfilesAsync(long accountId, string? search, int page, CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        var query = db.InstagramProfiles.Where(p => p.InstagramAccountId == accountId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(p => p.Username.Contains(term) || (p.DisplayName != null && p.DisplayName.ToLower().Contains(term)));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(p => p.Following && p.FollowsYou).ThenBy(p => p.Username)
            .Skip(Math.Max(0, page - 1) * ProfilesPerPage).Take(ProfilesPerPage).ToListAsync(cancellationToken);
        var tags = await TagsAsync(db, rows.Select(r => r.Id).ToList(), cancellationToken);
        return new ProfilePage(rows.Select(p => new ProfileRow(p, tags.GetValueOrDefault(p.Id, []))).ToList(), total, Math.Max(1, page));
    }

    public async Task<ProfileDetail?> ProfileAsync(long accountId, string username, CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        var profile = await db.InstagramProfiles.FirstOrDefaultAsync(p => p.InstagramAccountId == accountId && p.Username == username, cancellationToken);
        if (profile is null)
            return null;
        var tags = await TagsAsync(db, [profile.Id], cancellationToken);
        var posts = await db.InstagramProfilePosts.Where(p => p.InstagramProfileId == profile.Id)
            .OrderByDescending(p => p.TakenAt).Take(RecentRows).ToListAsync(cancellationToken);
        var stories = await db.InstagramStories.Where(s => s.InstagramProfileId == profile.Id)
            .OrderByDescending(s => s.TakenAt).Take(RecentRows).ToListAsync(cancellationToken);
        var insight = await db.InstagramProfileInsights.Where(i => i.InstagramProfileId == profile.Id)
            .OrderByDescending(i => i.LastRefreshedAt).FirstOrDefaultAsync(cancellationToken);
        var strategy = await db.InstagramProfileMessageStrategies.Where(s => s.InstagramProfileId == profile.Id)
            .OrderByDescending(s => s.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        var chunks = await db.InstagramProfileHistoryChunks.Where(c => c.InstagramProfileId == profile.Id)
            .OrderBy(c => c.Sequence).Take(RecentRows).ToListAsync(cancellationToken);
        var actions = await db.InstagramProfileActionLogs.Where(a => a.InstagramProfileId == profile.Id)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(RecentRows).ToListAsync(cancellationToken);
        return new ProfileDetail(profile, tags.GetValueOrDefault(profile.Id, []), posts, stories, insight, strategy, chunks, actions);
    }

    /// <summary>The newest stories of the account with their detected faces (for the archive grid).</summary>
    public async Task<IReadOnlyList<StoryCard>> StoriesAsync(long accountId, int limit, CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        var stories = await (from story in db.InstagramStories
                             join profile in db.InstagramProfiles on story.InstagramProfileId equals profile.Id
                             where story.InstagramAccountId == accountId
                             orderby story.TakenAt descending, story.Id descending
                             select new { story, profile.Username }).Take(limit).ToListAsync(cancellationToken);
        var ids = stories.Select(s => s.story.Id).ToList();
        var faces = await db.InstagramStoryFaces.Where(f => ids.Contains(f.InstagramStoryId)).ToListAsync(cancellationToken);
        var byStory = faces.ToLookup(f => f.InstagramStoryId);
        return stories.Select(s => new StoryCard(s.story, s.Username, byStory[s.story.Id].ToList())).ToList();
    }

    /// <summary>The account's person clusters, most seen first, each with a few of its faces; people merged into another are left out.</summary>
    public async Task<IReadOnlyList<PersonCard>> PeopleAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        var people = await (from person in db.InstagramStoryPeople
                            join profile in db.InstagramProfiles on person.InstagramProfileId equals profile.Id
                            where person.InstagramAccountId == accountId
                            orderby person.AppearanceCount descending, person.Id
                            select new { person, profile.Username }).Take(200).ToListAsync(cancellationToken);
        people = people.Where(p => p.person.Metadata?.MergedIntoPersonId is null).ToList();
        var ids = people.Select(p => p.person.Id).ToList();
        var faces = await (from face in db.InstagramStoryFaces
                           where face.InstagramStoryPersonId != null && ids.Contains(face.InstagramStoryPersonId.Value)
                           orderby face.Id descending
                           select face).Take(2000).ToListAsync(cancellationToken);
        var byPerson = faces.ToLookup(f => f.InstagramStoryPersonId!.Value);
        return people.Select(p => new PersonCard(p.person, p.Username, byPerson[p.person.Id].Take(8).ToList())).ToList();
    }

    public async Task<InstagramStory?> StoryAsync(long storyId, CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        return await db.InstagramStories.FirstOrDefaultAsync(s => s.Id == storyId, cancellationToken);
    }

    public async Task<OperationsOverview> OperationsAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.Open();
        var issues = await db.AppIssues.OrderBy(i => i.Status).ThenByDescending(i => i.LastSeenAt).Take(100).ToListAsync(cancellationToken);
        var failures = await (from failure in db.BackgroundJobFailures
                              from account in db.InstagramAccounts.LeftJoin(a => a.Id == failure.InstagramAccountId)
                              orderby failure.OccurredAt descending, failure.Id descending
                              select new FailureRow(failure, account.Username)).Take(100).ToListAsync(cancellationToken);
        return new OperationsOverview(issues, failures);
    }

    private static async Task<Dictionary<long, IReadOnlyList<string>>> TagsAsync(InstaIntelDb db, IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken)
    {
        if (profileIds.Count == 0)
            return [];
        var rows = await (from tagging in db.InstagramProfileTaggings
                          join tag in db.ProfileTags on tagging.ProfileTagId equals tag.Id
                          where profileIds.Contains(tagging.InstagramProfileId)
                          select new { tagging.InstagramProfileId, tag.Name }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.InstagramProfileId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Name).Order(StringComparer.Ordinal).ToList());
    }
}

public sealed record ActionLogRow(InstagramProfileActionLog Log, string ProfileUsername);

public sealed record FailureRow(BackgroundJobFailure Failure, string? AccountUsername);

public sealed record AccountCounts(int Profiles, int Mutuals, int Stories, int Events, int FeedPosts, int People);

public sealed record AccountActivity(
    IReadOnlyList<SyncRun> Runs, IReadOnlyList<ActionLogRow> Actions, IReadOnlyList<BackgroundJobFailure> Failures,
    IReadOnlyList<AppIssue> OpenIssues, AccountCounts Counts);

public sealed record ProfileRow(InstagramProfile Profile, IReadOnlyList<string> Tags);

public sealed record ProfilePage(IReadOnlyList<ProfileRow> Rows, int Total, int Page)
{
    public int Pages => Math.Max(1, (Total + DashboardQueries.ProfilesPerPage - 1) / DashboardQueries.ProfilesPerPage);
}

public sealed record ProfileDetail(
    InstagramProfile Profile, IReadOnlyList<string> Tags, IReadOnlyList<InstagramProfilePost> Posts, IReadOnlyList<InstagramStory> Stories,
    Domain.Insights.InstagramProfileInsight? Insight, Domain.Insights.InstagramProfileMessageStrategy? Strategy,
    IReadOnlyList<InstagramProfileHistoryChunk> HistoryChunks, IReadOnlyList<InstagramProfileActionLog> Actions);

public sealed record StoryCard(InstagramStory Story, string ProfileUsername, IReadOnlyList<InstagramStoryFace> Faces);

public sealed record PersonCard(InstagramStoryPerson Person, string ProfileUsername, IReadOnlyList<InstagramStoryFace> Faces);

public sealed record OperationsOverview(IReadOnlyList<AppIssue> Issues, IReadOnlyList<FailureRow> Failures);
