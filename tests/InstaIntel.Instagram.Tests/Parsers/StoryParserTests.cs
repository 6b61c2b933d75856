using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

public sealed class StoryParserTests
{
    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    [Fact]
    [CoversFixture("graphql_reels_media.json")]
    public void Graphql_reels_media_yields_the_reel_and_its_three_items()
    {
        var reels = StoryParser.ParseReels(InstagramFixtures.Read("graphql_reels_media.json"));

        var reel = Assert.Single(reels);
        Assert.Equal("15380683785", reel.OwnerId);
        Assert.Equal("moneyguideline", reel.OwnerUsername);
        Assert.Equal(At(1582825036), reel.ExpiringAt);
        Assert.Equal(At(1582738636), reel.LatestReelMedia);
        Assert.Equal(["2252497313498671180", "2252497443429878595", "2252497519657293393"], reel.Items.Select(i => i.Id));

        var video = reel.Items[0];
        Assert.Equal(MediaType.Video, video.Type);
        Assert.Equal("15380683785", video.OwnerId);
        Assert.Equal(At(1582738618), video.TakenAt);
        Assert.Equal(At(1582825018), video.ExpiringAt);
        Assert.Equal(3, video.VideoDurationSeconds);
        // The widest of video_resources (640 over 480).
        Assert.Equal("https://instagram.fblr2-1.fna.fbcdn.net/v/t50.12441-16/87988591_106738084143214_8173278094514437077_n.mp4?_nc_ht=instagram.fblr2-1.fna.fbcdn.net&_nc_cat=110&_nc_ohc=n4xFv-sW0M8AX9LzL7J&oe=5E59039E&oh=813710f21b364ef8a656f7719c25eea3", video.VideoUrl);
        Assert.Equal("https://instagram.fblr2-1.fna.fbcdn.net/v/t51.12442-15/e15/88202223_2308954655873226_7397545456858260547_n.jpg?_nc_ht=instagram.fblr2-1.fna.fbcdn.net&_nc_cat=106&_nc_ohc=hBE7fijRWS0AX9yYKXR&oh=2717a02dc27f73518529a48429e9d647&oe=5E590BCD", video.ImageUrl);
        Assert.Equal((750, 1568), (video.Width, video.Height));

        var image = reel.Items[1];
        Assert.Equal(MediaType.Image, image.Type);
        Assert.Equal(At(1582738630), image.TakenAt);
        Assert.Equal(At(1582825030), image.ExpiringAt);
        Assert.Null(image.VideoUrl);
        Assert.Null(image.VideoDurationSeconds);
        Assert.Equal("https://instagram.fblr2-1.fna.fbcdn.net/v/t51.12442-15/e35/84419619_144326676740503_8230072957254179180_n.jpg?_nc_ht=instagram.fblr2-1.fna.fbcdn.net&_nc_cat=107&_nc_ohc=ZMVDmvs5eWkAX9tmg-4&oh=2aa22fd70ea40011f8b5d977259721af&oe=5E598A48", image.ImageUrl);

        Assert.Equal(At(1582738636), reel.Items[2].TakenAt);
        Assert.Equal(At(1582825036), reel.Items[2].ExpiringAt);
    }

    [Fact]
    [CoversFixture("graphql_reels_media.json")]
    public void Asking_for_another_owners_reel_gives_an_empty_reel()
    {
        var body = InstagramFixtures.Read("graphql_reels_media.json");
        Assert.Equal(3, StoryParser.ParseReel(body, "15380683785").Items.Count);
        var other = StoryParser.ParseReel(body, "1");
        Assert.Equal("1", other.OwnerId);
        Assert.Empty(other.Items);
    }

    [Fact]
    public void No_current_stories_is_an_empty_list()
    {
        Assert.Empty(StoryParser.ParseReels("""{"data":{"reels_media":[]},"status":"ok"}"""));
    }

    // Mobile feed/reels_media/ as dilame/instagram-private-api's ReelsMediaFeedResponse types it.
    [Fact]
    public void Mobile_reels_map_yields_items_with_microsecond_free_seconds_and_widest_video()
    {
        const string body = """
            {"reels":{"123":{"id":123,"latest_reel_media":1700000100,"expiring_at":1700086500,"seen":0,
              "user":{"pk":123,"username":"someone"},
              "items":[{"taken_at":1700000000,"pk":"3100000000000000001","id":"3100000000000000001_123","media_type":2,
                        "expiring_at":1700086400,"original_width":1080,"original_height":1920,"video_duration":5.2,
                        "image_versions2":{"candidates":[{"width":1080,"height":1920,"url":"https://cdn/cover.jpg"},{"width":640,"height":1138,"url":"https://cdn/cover-640.jpg"}]},
                        "video_versions":[{"type":102,"width":480,"height":854,"url":"https://cdn/480.mp4"},{"type":101,"width":720,"height":1280,"url":"https://cdn/720.mp4"}]},
                       {"taken_at":1700000100,"pk":3100000000000000002,"media_type":1,"expiring_at":1700086500,
                        "image_versions2":{"candidates":[{"width":750,"height":1333,"url":"https://cdn/photo.jpg"}]}}]}},
             "status":"ok"}
            """;
        var reel = Assert.Single(StoryParser.ParseReels(body));
        Assert.Equal("123", reel.OwnerId);
        Assert.Equal("someone", reel.OwnerUsername);
        Assert.Equal(At(1700086500), reel.ExpiringAt);
        Assert.Equal(
            new StoryItem("3100000000000000001", "123", MediaType.Video, At(1700000000), At(1700086400), "https://cdn/cover.jpg", "https://cdn/720.mp4", 5.2, 1080, 1920),
            reel.Items[0]);
        Assert.Equal(
            new StoryItem("3100000000000000002", "123", MediaType.Image, At(1700000100), At(1700086500), "https://cdn/photo.jpg", null, null),
            reel.Items[1]);
    }
}
