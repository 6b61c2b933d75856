using InstaIntel.Domain.Profiles;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Profiles;

/// <summary>
/// <c>instagram_profiles</c>: the idempotent upsert keyed by (account, username), the follow-graph flags, DM
/// messageability, profile details, and the picks of the profiles a phase works on next. Tags are in
/// <c>ProfileRepository.Tags.cs</c>.
/// </summary>
public sealed partial class ProfileRepository(InstaIntelDbFactory factory)
{
    // Bound parameters per IN (...) list: well under SQLite's and PostgreSQL's limits.
    private const int InListChunk = 500;

    /// <summary>
    /// Creates the profile or updates it with what the snapshot observed; one statement (INSERT ... ON
    /// CONFLICT), so concurrent writers of the same profile meet in the unique index, not in a duplicate row.
    /// </summary>
    /// <returns>the profile's id.</returns>
    public async Task<long> UpsertAsync(ProfileSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await UpsertRowAsync(db, snapshot, DateTime.UtcNow, cancellationToken);
        return await db.InstagramProfiles
            .Where(p => p.InstagramAccountId == snapshot.InstagramAccountId && p.Username == snapshot.Username)
            .Select(p => p.Id)
            .FirstAsync(cancellationToken);
    }

    /// <summary>Upserts a page of observations (a followers page, an inbox page) in one transaction.</summary>
    public async Task UpsertManyAsync(IReadOnlyCollection<ProfileSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        if (snapshots.Count == 0) return;
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var now = DateTime.UtcNow;
        foreach (var snapshot in snapshots)
            await UpsertRowAsync(db, snapshot, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static Task<int> UpsertRowAsync(InstaIntelDb db, ProfileSnapshot snapshot, DateTime now, CancellationToken cancellationToken) =>
        db.InstagramProfiles.InsertOrUpdateAsync(
            () => new InstagramProfile
            {
                InstagramAccountId = snapshot.InstagramAccountId,
                Username = snapshot.Username,
                IgUserId = snapshot.IgUserId,
                DisplayName = snapshot.DisplayName,
                Bio = snapshot.Bio,
                ProfilePicUrl = snapshot.ProfilePicUrl,
                FollowersCount = snapshot.FollowersCount,
                Following = snapshot.Following ?? false,
                FollowsYou = snapshot.FollowsYou ?? false,
                DmAutoMode = DmAutoMode.DraftOnly,
                LastSyncedAt = snapshot.SyncedAt,
                CreatedAt = now,
                UpdatedAt = now,
            },
            existing => new InstagramProfile
            {
                IgUserId = snapshot.IgUserId ?? existing.IgUserId,
                DisplayName = snapshot.DisplayName ?? existing.DisplayName,
                Bio = snapshot.Bio ?? existing.Bio,
                ProfilePicUrl = snapshot.ProfilePicUrl ?? existing.ProfilePicUrl,
                FollowersCount = snapshot.FollowersCount ?? existing.FollowersCount,
                Following = snapshot.Following ?? existing.Following,
                FollowsYou = snapshot.FollowsYou ?? existing.FollowsYou,
                LastSyncedAt = snapshot.SyncedAt ?? existing.LastSyncedAt,
                UpdatedAt = now,
            },
            () => new InstagramProfile { InstagramAccountId = snapshot.InstagramAccountId, Username = snapshot.Username },
            cancellationToken);

    public async Task<InstagramProfile?> FindAsync(long instagramAccountId, string username, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfiles.FirstOrDefaultAsync(p => p.InstagramAccountId == instagramAccountId && p.Username == username, cancellationToken);
    }

    public async Task<InstagramProfile?> FindAsync(long profileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfiles.FirstOrDefaultAsync(p => p.Id == profileId, cancellationToken);
    }

    /// <summary>Usernames of the account's profiles whose <paramref name="flag"/> is set.</summary>
    public async Task<IReadOnlyList<string>> ListFlaggedAsync(long instagramAccountId, FollowFlag flag, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var profiles = db.InstagramProfiles.Where(p => p.InstagramAccountId == instagramAccountId);
        profiles = flag == FollowFlag.Following ? profiles.Where(p => p.Following) : profiles.Where(p => p.FollowsYou);
        return await profiles.Select(p => p.Username).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Clears <paramref name="flag"/> on the named profiles, in one transaction. The caller names exactly the profiles a
    /// complete list no longer contains; nothing here decides what is complete.
    /// </summary>
    /// <returns>how many rows changed.</returns>
    public async Task<int> ClearFlagAsync(long instagramAccountId, FollowFlag flag, IReadOnlyCollection<string> usernames, CancellationToken cancellationToken = default)
    {
        if (usernames.Count == 0) return 0;
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var changed = 0;
        foreach (var chunk in usernames.Chunk(InListChunk))
        {
            var rows = db.InstagramProfiles.Where(p => p.InstagramAccountId == instagramAccountId && chunk.Contains(p.Username));
            changed += flag == FollowFlag.Following
                ? await rows.Where(p => p.Following).Set(p => p.Following, false).Set(p => p.UpdatedAt, now).UpdateAsync(cancellationToken)
                : await rows.Where(p => p.FollowsYou).Set(p => p.FollowsYou, false).Set(p => p.UpdatedAt, now).UpdateAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// The profiles can be messaged (an inbox thread with them exists): <c>dm_interaction_state</c> messageable with
    /// <paramref name="reason"/>, checked now, retry window cleared.
    /// </summary>
    public async Task<int> MarkMessageableAsync(long instagramAccountId, IReadOnlyCollection<string> usernames, string reason, DateTime at, CancellationToken cancellationToken = default)
    {
        if (usernames.Count == 0) return 0;
        await using var db = factory.Open();
        var changed = 0;
        foreach (var chunk in usernames.Chunk(InListChunk))
        {
            changed += await db.InstagramProfiles
                .Where(p => p.InstagramAccountId == instagramAccountId && chunk.Contains(p.Username))
                .Set(p => p.CanMessage, true)
                .Set(p => p.RestrictionReason, (string?)null)
                .Set(p => p.DmInteractionState, DmInteractionState.Messageable)
                .Set(p => p.DmInteractionReason, reason)
                .Set(p => p.DmInteractionCheckedAt, at)
                .Set(p => p.DmInteractionRetryAfterAt, (DateTime?)null)
                .Set(p => p.UpdatedAt, at)
                .UpdateAsync(cancellationToken);
        }
        return changed;
    }

    /// <summary>
    /// Writes what a profile page said. Null fields were not shown and keep the stored value; the avatar fingerprint
    /// travels with the picture URL.
    /// </summary>
    /// <returns>the fingerprint stored before, so the caller can tell a new avatar.</returns>
    public async Task<string?> ApplyDetailsAsync(long profileId, ProfileDetailsUpdate details, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var before = await db.InstagramProfiles.Where(p => p.Id == profileId).Select(p => p.AvatarUrlFingerprint).FirstOrDefaultAsync(cancellationToken);
        await db.InstagramProfiles
            .Where(p => p.Id == profileId)
            .Set(p => p.IgUserId, p => details.IgUserId ?? p.IgUserId)
            .Set(p => p.DisplayName, p => details.DisplayName ?? p.DisplayName)
            .Set(p => p.Bio, p => details.Bio ?? p.Bio)
            .Set(p => p.FollowersCount, p => details.FollowersCount ?? p.FollowersCount)
            .Set(p => p.ProfilePicUrl, p => details.ProfilePicUrl ?? p.ProfilePicUrl)
            .Set(p => p.AvatarUrlFingerprint, p => details.ProfilePicUrl != null ? details.AvatarUrlFingerprint : p.AvatarUrlFingerprint)
            .Set(p => p.LastSyncedAt, details.SyncedAt)
            .Set(p => p.UpdatedAt, details.SyncedAt)
            .UpdateAsync(cancellationToken);
        return before;
    }

    /// <summary>Moves <c>last_post_at</c> forward (never back: an older capture does not undo a newer one).</summary>
    public async Task AdvanceLastPostAtAsync(long profileId, DateTime lastPostAt, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await db.InstagramProfiles
            .Where(p => p.Id == profileId && (p.LastPostAt == null || p.LastPostAt < lastPostAt))
            .Set(p => p.LastPostAt, lastPostAt)
            .Set(p => p.UpdatedAt, DateTime.UtcNow)
            .UpdateAsync(cancellationToken);
    }

    /// <summary>
    /// The profiles whose posts are due for a capture: followed by the account (mutuals included), not tagged
    /// <paramref name="excludedTag"/>, whose last <paramref name="action"/> log is older than <paramref name="dueBefore"/>;
    /// never captured first, then the longest ago.
    /// </summary>
    public Task<IReadOnlyList<InstagramProfile>> ListDueForScanAsync(
        long instagramAccountId, string action, string excludedTag, DateTime dueBefore, int limit, CancellationToken cancellationToken = default) =>
        ListLeastRecentlyActedOnAsync(instagramAccountId, action, dueBefore, limit, followedOnly: true, ProfileTag.Normalize(excludedTag), cancellationToken);

    /// <summary>Any of the account's profiles whose last <paramref name="action"/> log is older than <paramref name="dueBefore"/>, least recently first.</summary>
    public Task<IReadOnlyList<InstagramProfile>> ListDueForRefreshAsync(
        long instagramAccountId, string action, DateTime dueBefore, int limit, CancellationToken cancellationToken = default) =>
        ListLeastRecentlyActedOnAsync(instagramAccountId, action, dueBefore, limit, followedOnly: false, excludedTag: null, cancellationToken);

    private async Task<IReadOnlyList<InstagramProfile>> ListLeastRecentlyActedOnAsync(
        long instagramAccountId, string action, DateTime dueBefore, int limit, bool followedOnly, string? excludedTag, CancellationToken cancellationToken)
    {
        if (limit <= 0) return [];
        await using var db = factory.Open();
        var lastActions =
            from log in db.InstagramProfileActionLogs
            where log.InstagramAccountId == instagramAccountId && log.Action == action
            group log by log.InstagramProfileId into byProfile
            select new { ProfileId = byProfile.Key, Last = byProfile.Max(l => l.OccurredAt) };
        var candidates =
            from profile in db.InstagramProfiles
            where profile.InstagramAccountId == instagramAccountId
            from last in lastActions.LeftJoin(l => l.ProfileId == profile.Id)
            select new { Profile = profile, Last = (DateTime?)last.Last };
        if (followedOnly)
            candidates = candidates.Where(c => c.Profile.Following);
        if (excludedTag is not null)
            candidates = candidates.Where(c => !(
                from tagging in db.InstagramProfileTaggings
                join tag in db.ProfileTags on tagging.ProfileTagId equals tag.Id
                where tagging.InstagramProfileId == c.Profile.Id && tag.Name == excludedTag
                select tagging.Id).Any());
        return await candidates
            .Where(c => c.Last == null || c.Last < dueBefore)
            // Spelled out: SQLite sorts NULLs first, PostgreSQL last.
            .OrderBy(c => c.Last == null ? 0 : 1)
            .ThenBy(c => c.Last)
            .ThenBy(c => c.Profile.Id)
            .Select(c => c.Profile)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }
}

/// <summary>The two follow-graph flags of a profile.</summary>
public enum FollowFlag
{
    /// <summary><c>following</c>: the account follows the profile.</summary>
    Following,

    /// <summary><c>follows_you</c>: the profile follows the account.</summary>
    FollowsYou,
}

/// <summary>A profile page's facts for <see cref="ProfileRepository.ApplyDetailsAsync"/>; null = not shown, keep the stored value.</summary>
public sealed record ProfileDetailsUpdate(
    DateTime SyncedAt,
    string? IgUserId = null,
    string? DisplayName = null,
    string? Bio = null,
    int? FollowersCount = null,
    string? ProfilePicUrl = null,
    string? AvatarUrlFingerprint = null);
