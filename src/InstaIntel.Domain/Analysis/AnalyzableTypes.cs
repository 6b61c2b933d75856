namespace InstaIntel.Domain.Analysis;

/// <summary>Values of <c>ai_analyses.analyzable_type</c>: the table the analysed row lives in.</summary>
public static class AnalyzableTypes
{
    public const string Profile = "instagram_profiles";
    public const string ProfilePost = "instagram_profile_posts";
    public const string FeedPost = "instagram_posts";
    public const string ProfileEvent = "instagram_profile_events";
    public const string Story = "instagram_stories";
}
