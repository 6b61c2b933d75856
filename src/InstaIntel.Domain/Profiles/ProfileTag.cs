using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Profiles;

/// <summary><c>profile_tags</c>: a tag name, stored lower-case and trimmed, unique.</summary>
public sealed class ProfileTag : IEntity
{
    /// <summary>Tags that change behaviour elsewhere (reply automation, scan policy, trust).</summary>
    public static class WellKnown
    {
        public const string AutomaticReply = "automatic_reply";
        public const string ProfileScanExcluded = "profile_scan_excluded";
        public const string PersonalUser = "personal_user";
        public const string Friend = "friend";
        public const string Relative = "relative";
        public const string Page = "page";
        public const string Excluded = "excluded";
    }

    public long Id { get; set; }
    public string Name { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The stored form of a tag name: trimmed and lower-case, so "Friend " and "friend" are one tag.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();
}
