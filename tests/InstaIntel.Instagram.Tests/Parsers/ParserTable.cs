using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

/// <summary>Every public parser by name, and which captured fixtures each one reads.</summary>
public static class ParserTable
{
    public static readonly IReadOnlyDictionary<string, Action<string>> All = new Dictionary<string, Action<string>>
    {
        ["current_user"] = body => CurrentUserParser.Parse(body),
        ["profile"] = body => ProfileParser.ParseDetails(body),
        ["profile_posts"] = body => ProfileParser.ParseRecentPosts(body),
        ["followers"] = body => FollowGraphParser.Parse(body, FollowDirection.Followers),
        ["following"] = body => FollowGraphParser.Parse(body, FollowDirection.Following),
        ["stories"] = body => StoryParser.ParseReels(body),
        ["story_tray"] = body => StoryTrayParser.Parse(body),
        ["reel_summary"] = body => ReelSummaryParser.Parse(body),
        ["post"] = body => PostParser.Parse(body),
        ["comments"] = body => CommentParser.Parse(body),
        ["feed"] = body => FeedParser.Parse(body),
        ["inbox"] = body => InboxParser.Parse(body),
        ["action"] = ActionResultParser.EnsureOk,
        ["direct_message"] = body => ActionResultParser.ParseDirectMessage(body),
        ["posted_comment"] = body => ActionResultParser.ParsePostedComment(body),
        ["login"] = body => ActionResultParser.ParseLogin(body),
    };

    public static readonly IReadOnlyList<(string Fixture, string Parser)> FixtureParsers =
    [
        ("graphql_followers.json", "followers"),
        ("graphql_following.json", "following"),
        ("graphql_post_comments.json", "comments"),
        ("graphql_post_image.json", "post"),
        ("graphql_post_video.json", "post"),
        ("graphql_post_video.json", "comments"),
        ("graphql_reels_media.json", "stories"),
        ("graphql_user_reel_and_chaining.json", "reel_summary"),
        ("mobile_media_comments.json", "comments"),
        ("mobile_timeline_feed.json", "feed"),
        ("web_profile_a1_user_legacy.json", "profile"),
        ("web_profile_a1_user_legacy.json", "profile_posts"),
        ("web_profile_graphql_user.json", "profile"),
        ("web_profile_graphql_user.json", "profile_posts"),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys) data.Add(name);
        return data;
    }

    public static TheoryData<string, string> FixturesWithParsers()
    {
        var data = new TheoryData<string, string>();
        foreach (var (fixture, parser) in FixtureParsers) data.Add(fixture, parser);
        return data;
    }
}
