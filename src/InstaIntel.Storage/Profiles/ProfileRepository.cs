using InstaIntel.Domain.Profiles;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Profiles;

/// <summary><c>instagram_profiles</c>: the idempotent upsert keyed by (account, username).</summary>
public sealed class ProfileRepository(InstaIntelDbFactory factory)
{
    /// <summary>
    /// Creates the profile or updates it with what the snapshot observed; one statement (INSERT ... ON
    /// CONFLICT), so concurrent writers of the same profile meet in the unique index, not in a duplicate row.
    /// </summary>
    /// <returns>the profile's id.</returns>
    public async Task<long> UpsertAsync(ProfileSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        await db.InstagramProfiles.InsertOrUpdateAsync(
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
        return await db.InstagramProfiles
            .Where(p => p.InstagramAccountId == snapshot.InstagramAccountId && p.Username == snapshot.Username)
            .Select(p => p.Id)
            .FirstAsync(cancellationToken);
    }

    public async Task<InstagramProfile?> FindAsync(long instagramAccountId, string username, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramProfiles.FirstOrDefaultAsync(p => p.InstagramAccountId == instagramAccountId && p.Username == username, cancellationToken);
    }
}
