using InstaIntel.Domain.Profiles;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Profiles;

// profile_tags and instagram_profile_taggings: a tag name once, a tag once per profile.
public sealed partial class ProfileRepository
{
    /// <summary>Tags the profile (creating the tag if it is new); tagging twice changes nothing.</summary>
    /// <returns>true when the profile did not carry the tag before.</returns>
    public async Task<bool> AddTagAsync(long profileId, string tagName, CancellationToken cancellationToken = default)
    {
        var name = ProfileTag.Normalize(tagName);
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        await db.ProfileTags.InsertOrUpdateAsync(
            () => new ProfileTag { Name = name, CreatedAt = now, UpdatedAt = now },
            existing => new ProfileTag { UpdatedAt = existing.UpdatedAt },
            () => new ProfileTag { Name = name },
            cancellationToken);
        var tagId = await db.ProfileTags.Where(t => t.Name == name).Select(t => t.Id).FirstAsync(cancellationToken);
        var tagged = db.InstagramProfileTaggings.Where(t => t.InstagramProfileId == profileId && t.ProfileTagId == tagId);
        if (await tagged.AnyAsync(cancellationToken)) return false;
        try
        {
            await db.InsertAsync(new InstagramProfileTagging { InstagramProfileId = profileId, ProfileTagId = tagId, CreatedAt = now, UpdatedAt = now }, token: cancellationToken);
            return true;
        }
        catch (Exception ex) when (UniqueViolation.Is(ex))
        {
            return false; // tagged by someone else in the meantime
        }
    }

    /// <summary>The profile's tag names, sorted.</summary>
    public async Task<IReadOnlyList<string>> TagsOfAsync(long profileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await (
                from tagging in db.InstagramProfileTaggings
                join tag in db.ProfileTags on tagging.ProfileTagId equals tag.Id
                where tagging.InstagramProfileId == profileId
                orderby tag.Name
                select tag.Name)
            .ToListAsync(cancellationToken);
    }
}
