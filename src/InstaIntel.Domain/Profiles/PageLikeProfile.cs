using System.Text.RegularExpressions;

namespace InstaIntel.Domain.Profiles;

/// <summary>
/// Whether a profile reads as a page or business rather than a person (BEHAVIOUR.md §2): such profiles get the tag
/// <c>profile_scan_excluded</c> and their posts are not captured. A profile someone tagged as a person
/// (<c>personal_user</c>, <c>friend</c>, <c>relative</c>) is never taken for a page.
/// </summary>
public static partial class PageLikeProfile
{
    public const string BusinessAccount = "business_account";
    public const string PageCategory = "page_category";

    private static readonly HashSet<string> PersonalTags =
        [ProfileTag.WellKnown.PersonalUser, ProfileTag.WellKnown.Friend, ProfileTag.WellKnown.Relative];

    /// <returns>the reason code (<see cref="BusinessAccount"/>, <see cref="PageCategory"/>), or null for a person.</returns>
    public static string? Reason(bool? isBusinessAccount, string? category, IEnumerable<string> tags)
    {
        if (tags.Any(tag => PersonalTags.Contains(ProfileTag.Normalize(tag)))) return null;
        if (isBusinessAccount == true) return BusinessAccount;
        if (category is not null && PageCategories().IsMatch(category)) return PageCategory;
        return null;
    }

    [GeneratedRegex(@"media|news|entertainment|publisher|brand|store|shop|business|company|organi[sz]ation|community|product/service", RegexOptions.IgnoreCase)]
    private static partial Regex PageCategories();
}
