using InstaIntel.Domain.Profiles;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Profiles;

// dm_interaction_* and story_interaction_*: what the last message, reply or verification taught us about a profile.
public sealed partial class ProfileRepository
{
    /// <summary>
    /// Writes the profile's DM state the way the seed's rule does: messageable -> can_message true, restriction cleared;
    /// unknown -> can_message NULL; unavailable -> can_message false, restriction_reason = <paramref name="reason"/>.
    /// </summary>
    public async Task SetDmInteractionAsync(long profileId, DmInteractionState state, string reason, DateTime at, DateTime? retryAfter, CancellationToken cancellationToken = default)
    {
        bool? canMessage = state switch
        {
            DmInteractionState.Messageable => true,
            DmInteractionState.Unknown => null,
            _ => false,
        };
        var restriction = state == DmInteractionState.Unavailable ? reason : null;
        await using var db = factory.Open();
        await db.InstagramProfiles.Where(p => p.Id == profileId)
            .Set(p => p.CanMessage, canMessage)
            .Set(p => p.RestrictionReason, restriction)
            .Set(p => p.DmInteractionState, state)
            .Set(p => p.DmInteractionReason, reason)
            .Set(p => p.DmInteractionCheckedAt, at)
            .Set(p => p.DmInteractionRetryAfterAt, retryAfter)
            .Set(p => p.UpdatedAt, at)
            .UpdateAsync(cancellationToken);
    }

    public async Task SetStoryInteractionAsync(long profileId, StoryInteractionState state, string reason, DateTime at, DateTime? retryAfter, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await db.InstagramProfiles.Where(p => p.Id == profileId)
            .Set(p => p.StoryInteractionState, state)
            .Set(p => p.StoryInteractionReason, reason)
            .Set(p => p.StoryInteractionCheckedAt, at)
            .Set(p => p.StoryInteractionRetryAfterAt, retryAfter)
            .Set(p => p.UpdatedAt, at)
            .UpdateAsync(cancellationToken);
    }

    /// <summary>Remembers the profile's Instagram user id once a send had to look it up.</summary>
    public async Task SetIgUserIdAsync(long profileId, string igUserId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await db.InstagramProfiles.Where(p => p.Id == profileId && p.IgUserId == null)
            .Set(p => p.IgUserId, igUserId)
            .Set(p => p.UpdatedAt, DateTime.UtcNow)
            .UpdateAsync(cancellationToken);
    }
}
