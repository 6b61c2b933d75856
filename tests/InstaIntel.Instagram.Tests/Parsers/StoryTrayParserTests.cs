using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

// No tray was captured; the shape is docs/instagram-endpoints.md's (dilame ReelsTrayFeedResponse).
public sealed class StoryTrayParserTests
{
    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    private const string Tray = """
        {"tray":[
           {"id":111,"latest_reel_media":1700000300,"seen":1700000100,"media_count":3,
            "user":{"pk":111,"username":"unseen.friend","full_name":"Unseen","profile_pic_url":"https://cdn/111.jpg"}},
           {"id":"222","latest_reel_media":1700000200,"seen":1700000200,"media_count":1,
            "user":{"pk":"222","username":"seen.friend","profile_pic_url":"https://cdn/222.jpg"}},
           {"id":333,"latest_reel_media":1700000400,"seen":0,"user":{"pk":333,"username":"never.opened"}},
           {"id":444,"latest_reel_media":1700000500,"is_ad":true,"user":{"pk":444,"username":"brand"}},
           {"id":"live_1","broadcast_id":1}],
         "broadcasts":[],"status":"ok"}
        """;

    [Fact]
    public void Tray_entries_say_who_has_unseen_stories_and_ads_are_dropped()
    {
        var tray = StoryTrayParser.Parse(Tray);

        Assert.Equal(["unseen.friend", "seen.friend", "never.opened"], tray.Select(e => e.User.Username));
        Assert.Equal(new StoryTrayEntry(new InstagramUser("111", "unseen.friend", "Unseen", "https://cdn/111.jpg"), At(1700000300), At(1700000100), 3, true), tray[0]);
        Assert.False(tray[1].HasUnseen); // seen == latest
        Assert.True(tray[2].HasUnseen);  // seen 0 means never
        Assert.Null(tray[2].SeenUpTo);
        Assert.Null(tray[2].MediaCount);
    }

    [Fact]
    public void An_empty_tray_is_empty()
    {
        Assert.Empty(StoryTrayParser.Parse("""{"tray":[],"status":"ok"}"""));
    }
}
