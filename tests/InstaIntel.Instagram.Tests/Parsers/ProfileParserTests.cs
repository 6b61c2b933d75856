using System.Text.Json.Nodes;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

public sealed class ProfileParserTests
{
    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    [Fact]
    [CoversFixture("web_profile_graphql_user.json")]
    public void Graphql_user_profile_yields_bio_counts_ids_and_the_hd_avatar()
    {
        var profile = ProfileParser.ParseDetails(InstagramFixtures.Read("web_profile_graphql_user.json"));
        AssertAbhinav(profile);
    }

    [Fact]
    public void Web_profile_info_wraps_the_same_user_in_data_and_parses_the_same()
    {
        // web_profile_info answers {"data":{"user":<graphql.user>}}: the captured user object, re-wrapped.
        var captured = JsonNode.Parse(InstagramFixtures.Read("web_profile_graphql_user.json"))!;
        var user = captured["graphql"]!["user"]!.DeepClone();
        var body = new JsonObject { ["data"] = new JsonObject { ["user"] = user }, ["status"] = "ok" }.ToJsonString();

        AssertAbhinav(ProfileParser.ParseDetails(body));
        Assert.Equal(12, ProfileParser.ParseRecentPosts(body).Items.Count);
    }

    private static void AssertAbhinav(ProfileDetails profile)
    {
        Assert.Equal("2095657187", profile.Id);
        Assert.Equal("abhnv_rai", profile.Username);
        Assert.Equal("Abhinav Rai", profile.FullName);
        Assert.Equal("23, Bangalore\nMultipotentialite | Entrepreneur \nI bring smiles with music, party sometimes, travel mostly and build cool things!", profile.Biography);
        Assert.Equal("https://abhinavrai.com/", profile.ExternalUrl);
        Assert.Equal(680, profile.FollowerCount);
        Assert.Equal(557, profile.FollowingCount);
        Assert.Equal(68, profile.PostCount);
        Assert.Equal("https://scontent-del1-1.cdninstagram.com/v/t51.2885-19/s320x320/61546858_465671664182189_1676786851907633152_n.jpg?_nc_ht=scontent-del1-1.cdninstagram.com&_nc_ohc=Jyb2XHvxf1UAX_Dvj2T&oh=6df522ac8430bcd51c7b637fbc0f7ae6&oe=5F1ABE27", profile.ProfilePicUrl);
        Assert.False(profile.IsPrivate);
        Assert.False(profile.IsVerified);
        Assert.True(profile.IsBusinessAccount);
        Assert.Equal("Creators & Celebrities", profile.Category);
        Assert.True(profile.FollowedByViewer);
        Assert.False(profile.FollowsViewer);
    }

    [Fact]
    [CoversFixture("web_profile_graphql_user.json")]
    public void Graphql_user_profile_grid_yields_twelve_posts_with_carousel_children_and_the_next_cursor()
    {
        var page = ProfileParser.ParseRecentPosts(InstagramFixtures.Read("web_profile_graphql_user.json"));

        Assert.Equal(68, page.TotalCount);
        Assert.True(page.HasNext);
        Assert.Equal("QVFCcnNXaVZZSmg4VS1vdkk3MzF0SGZ1S3BRemYtMWtXU3VfLTg2bnZ4ZUtmdzdoanRvTm1PdDJDTy1feTUxdG5GZnJoVmFmM3RfU1JGS21DSkZVeF94YQ==", page.NextCursor);
        Assert.Equal(12, page.Items.Count);

        var video = page.Items[0];
        Assert.Equal("2301132646398643479", video.Id);
        Assert.Equal("B_vQ_MxpU0X", video.Shortcode);
        Assert.Equal(MediaType.Video, video.Type);
        Assert.Null(video.Caption); // the caption text is ""
        Assert.Equal(76, video.LikeCount); // edge_liked_by; edge_media_preview_like says -1 (hidden)
        Assert.Equal(0, video.CommentCount);
        Assert.Equal(At(1588536518), video.TakenAt);
        Assert.Equal(403, video.VideoViewCount);
        Assert.Null(video.VideoUrl); // grids do not carry video_url
        Assert.Equal("https://scontent-del1-1.cdninstagram.com/v/t51.2885-15/e35/96268804_105556137736969_6992980619067134402_n.jpg?_nc_ht=scontent-del1-1.cdninstagram.com&_nc_cat=101&_nc_ohc=rGki7rf0KN8AX_Cn8sy&oh=85a1e30237fd8460ad03003cb95f3538&oe=5EF35729", video.ImageUrl);
        Assert.Equal(("2095657187", "abhnv_rai"), (video.OwnerId, video.OwnerUsername));
        Assert.Equal((640, 995), (video.Width, video.Height));
        Assert.Empty(video.Children);

        var carousel = page.Items[1];
        Assert.Equal("2247956287635943971", carousel.Id);
        Assert.Equal("B8yWFVbJXIj", carousel.Shortcode);
        Assert.Equal(MediaType.Carousel, carousel.Type);
        Assert.Equal("Am trying one cover a day. Let's see how long it goes. Love reacts only! ❣️\n.\nFeaturing @__dhruvsharma__ 's tour of India & the Bhaukali family! .\n.\n#dil #Trip #bhaukali #IndiaTour", carousel.Caption);
        Assert.Equal(118, carousel.LikeCount);
        Assert.Equal(6, carousel.CommentCount);
        Assert.Equal(At(1582197293), carousel.TakenAt);
        Assert.Equal(["2247950203697389822", "2247950899222002134", "2247956076754784821"], carousel.Children.Select(c => c.Id));
        Assert.All(carousel.Children, child => Assert.Equal(MediaType.Video, child.Type));
        Assert.Equal("https://scontent-del1-1.cdninstagram.com/v/t51.2885-15/e35/85151162_3334978433184308_153560934414800273_n.jpg?_nc_ht=scontent-del1-1.cdninstagram.com&_nc_cat=108&_nc_ohc=FWSNbTcr3BUAX9LrQ1W&oh=c7a2827573ddb5433fdca90340b4e18b&oe=5EF3504A", carousel.Children[0].ImageUrl);
        Assert.Equal((750, 937), (carousel.Children[0].Width, carousel.Children[0].Height));

        Assert.Equal(["GraphVideo", "GraphSidecar", "GraphSidecar", "GraphSidecar", "GraphVideo", "GraphImage", "GraphImage", "GraphSidecar", "GraphImage", "GraphSidecar", "GraphSidecar", "GraphVideo"],
            page.Items.Select(p => p.Type switch { MediaType.Video => "GraphVideo", MediaType.Carousel => "GraphSidecar", _ => "GraphImage" }));
        Assert.Equal("B4c9CxtJU3d", page.Items[11].Shortcode);
        Assert.Equal(At(1572890202), page.Items[11].TakenAt);
        Assert.Equal(7, page.Items[7].Children.Count);
    }

    [Fact]
    [CoversFixture("web_profile_a1_user_legacy.json")]
    public void Legacy_a1_profile_yields_the_same_fields_from_the_older_generation()
    {
        var profile = ProfileParser.ParseDetails(InstagramFixtures.Read("web_profile_a1_user_legacy.json"));

        Assert.Equal("6713407637", profile.Id);
        Assert.Equal("joshjacksonnjr", profile.Username);
        Assert.Equal("John Jacksonn", profile.FullName);
        Assert.Equal("Hello, I am Josh Jackson. Cat lover, pianist, freelance interior designer. Traveling Europe.", profile.Biography);
        Assert.Equal("http://www.user-url.com/", profile.ExternalUrl);
        Assert.Equal(88, profile.FollowerCount);
        Assert.Equal(165, profile.FollowingCount);
        Assert.Equal(7, profile.PostCount);
        Assert.Equal("https://scontent-hkg3-1.cdninstagram.com/vp/0ab7b7d20c46aa1c375493ed3aa894a7/5B548FE3/t51.2885-19/s320x320/25017151_2020415508247621_5261137218780528640_n.jpg", profile.ProfilePicUrl);
        Assert.False(profile.IsPrivate);
        Assert.False(profile.IsVerified);
        Assert.Null(profile.IsBusinessAccount); // not in this generation
        Assert.Null(profile.Category);
        Assert.False(profile.FollowedByViewer);
        Assert.True(profile.FollowsViewer);
    }

    [Fact]
    [CoversFixture("web_profile_a1_user_legacy.json")]
    public void Legacy_a1_grid_ignores_an_end_cursor_on_the_last_page_and_reads_owner_ids_without_usernames()
    {
        var page = ProfileParser.ParseRecentPosts(InstagramFixtures.Read("web_profile_a1_user_legacy.json"));

        Assert.Equal(7, page.TotalCount);
        Assert.False(page.HasNext);
        Assert.Null(page.NextCursor); // has_next_page false although end_cursor is set
        Assert.Equal(
            ["Bdi9QBbntS-", "BdTWH0lnXZs", "BdPanzSnKu2", "BcqWZyZHAI0", "Bcnrm5LnjJf", "Bck-3ZiHiG5", "Bcj5FXkHIIt"],
            page.Items.Select(p => p.Shortcode));
        var first = page.Items[0];
        Assert.Equal("1685178592475927742", first.Id);
        Assert.Equal(MediaType.Image, first.Type);
        Assert.Equal("Wednesday street #englandtravel #cityvibes #goodvibes✨ #helloworld #prettygirlslift #england🇬🇧 #engl", first.Caption);
        Assert.Equal(54, first.LikeCount);
        Assert.Equal(0, first.CommentCount);
        Assert.Equal(At(1515108964), first.TakenAt);
        Assert.Equal("https://scontent-hkg3-1.cdninstagram.com/vp/4f1525859172d4feda405e47cc05880a/5B657803/t51.2885-15/e35/25023963_189323365141382_2023399792255696896_n.jpg", first.ImageUrl);
        Assert.Equal("6713407637", first.OwnerId);
        Assert.Null(first.OwnerUsername);
        Assert.Equal((1080, 719), (first.Width, first.Height));
        Assert.Equal(3, page.Items[3].CommentCount);
        Assert.Equal(At(1512992850), page.Items[6].TakenAt);
    }

    [Fact]
    public void Mobile_user_info_reads_flat_counts_and_the_hd_picture()
    {
        const string body = """
            {"user":{"pk":123456789,"username":"mobile.user","full_name":"Mobile User","biography":"bio","external_url":"",
             "follower_count":10,"following_count":3,"media_count":2,"is_private":false,"is_verified":true,"is_business":false,
             "category":"Artist","profile_pic_url":"https://cdn/sd.jpg","hd_profile_pic_url_info":{"url":"https://cdn/hd.jpg","width":1080,"height":1080}},
             "status":"ok"}
            """;
        var profile = ProfileParser.ParseDetails(body);
        Assert.Equal(new ProfileDetails("123456789", "mobile.user", "Mobile User", "bio", "", 10, 3, 2, "https://cdn/hd.jpg", false, true, false, "Artist", null, null), profile);
    }

    private const string PrivateProfile = """
        {"data":{"user":{"id":"99","username":"hidden.one","full_name":"Hidden","is_private":true,"followed_by_viewer":false,
         "edge_followed_by":{"count":10},"edge_follow":{"count":5},
         "edge_owner_to_timeline_media":{"count":4,"page_info":{"has_next_page":false,"end_cursor":null},"edges":[]}}},"status":"ok"}
        """;

    [Fact]
    public void A_private_profile_still_has_details()
    {
        var profile = ProfileParser.ParseDetails(PrivateProfile);
        Assert.True(profile.IsPrivate);
        Assert.Equal(4, profile.PostCount);
        Assert.Equal(10, profile.FollowerCount);
    }

    [Fact]
    public void A_private_unfollowed_profile_hides_its_posts()
    {
        var error = Assert.Throws<PrivateProfileException>(() => ProfileParser.ParseRecentPosts(PrivateProfile));
        Assert.Equal("hidden.one", error.Profile);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void A_private_profile_without_any_media_edge_hides_its_posts()
    {
        Assert.Throws<PrivateProfileException>(() => ProfileParser.ParseRecentPosts(
            """{"data":{"user":{"id":"99","username":"hidden.one","is_private":true}},"status":"ok"}"""));
    }

    [Theory]
    [InlineData("""{"data":{"user":null},"status":"ok"}""")]
    [InlineData("""{"graphql":{"user":null}}""")]
    public void A_null_user_is_not_found(string body)
    {
        Assert.Throws<NotFoundException>(() => ProfileParser.ParseDetails(body));
    }
}
