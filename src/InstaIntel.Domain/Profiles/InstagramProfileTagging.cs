using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Profiles;

/// <summary><c>instagram_profile_taggings</c>: a tag on a profile, at most once per (profile, tag).</summary>
public sealed class InstagramProfileTagging : IEntity
{
    public long Id { get; set; }
    public long InstagramProfileId { get; set; }
    public long ProfileTagId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
