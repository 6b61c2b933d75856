using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

public sealed class FeedParserTests
{
    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    [Fact]
    [CoversFixture("mobile_timeline_feed.json")]
    public void Mobile_timeline_yields_five_posts_and_the_next_max_id()
    {
        var page = FeedParser.Parse(InstagramFixtures.Read("mobile_timeline_feed.json"));

        Assert.True(page.HasNext);
        Assert.Equal("KKcBARAAAAIgABgAEAAIAAgACAAIAP__v____________3____v__-____u___________3__f_________3__9v7__-3______399_7_____-_f___PHdPoaze7_9GNvvf_fv_v_7_f_-_7vfd___9__3_f__2r92q_7__-__7___f_z9__99__31_-9v-_7__6f____b__3_9_7f___-vuio9MivHgkFAWqp7ms-NfRgQpBBkEIgA=", page.NextCursor);
        Assert.Equal(["CaH-hQGOuac", "CaNEXYFgh5n", "CaOW3_RBK0m", "CaOPXmygIo_", "CaOT73yvvnX"], page.Items.Select(p => p.Shortcode));
        Assert.Equal([MediaType.Carousel, MediaType.Video, MediaType.Image, MediaType.Video, MediaType.Image], page.Items.Select(p => p.Type));
        Assert.Equal(["natgeo", "project.eunice", "juju.0423", "celina.jumps", "oneokrockofficial"], page.Items.Select(p => p.OwnerUsername));
    }

    [Fact]
    [CoversFixture("mobile_timeline_feed.json")]
    public void A_mobile_carousel_lists_its_six_children_and_takes_the_first_as_cover()
    {
        var post = FeedParser.Parse(InstagramFixtures.Read("mobile_timeline_feed.json")).Items[0];

        Assert.Equal("2776462659208013468", post.Id); // pk, not the "<pk>_<owner>" id
        Assert.Equal(87022, post.LikeCount);
        Assert.Equal(500, post.CommentCount);
        Assert.Equal(At(1645200162), post.TakenAt);
        Assert.Equal("787132", post.OwnerId);
        Assert.StartsWith("Photos by @_victoriarazo | Originally from Port-au-Prince, Haiti, the Dorjean-Desmornes family", post.Caption);
        Assert.EndsWith("settling in New Jersey, a state with one of the highest numbers of Haitian migrants in the country.", post.Caption);
        Assert.Equal(
            ["2776462653495327654", "2776462653444899404", "2776462653528794080", "2776462653545555277", "2776462653436502295", "2776462653411443340"],
            post.Children.Select(c => c.Id));
        const string firstChild = "https://instagram.ftpe7-4.fna.fbcdn.net/v/t51.2885-15/274191442_343499607652112_5227775383856670546_n.jpg?stp=dst-jpg_e35&_nc_ht=instagram.ftpe7-4.fna.fbcdn.net&_nc_cat=1&_nc_ohc=DkQ6icLiFlMAX_K907R&edm=AJ9x6zYBAAAA&ccb=7-4&ig_cache_key=Mjc3NjQ2MjY1MzQ5NTMyNzY1NA%3D%3D.2-ccb7-4&oh=00_AT8fzA6QeU3QXEY00cPLWI5f0gFiYdXsPGdWtEnt75xmow&oe=62193C93&_nc_sid=cff2a4";
        Assert.Equal(new MediaAsset("2776462653495327654", MediaType.Image, firstChild, null, null, 1440, 960), post.Children[0]);
        Assert.Equal(firstChild, post.ImageUrl);
        Assert.Null(post.VideoUrl);
    }

    [Fact]
    [CoversFixture("mobile_timeline_feed.json")]
    public void A_mobile_video_yields_its_original_cover_its_widest_video_and_duration()
    {
        var page = FeedParser.Parse(InstagramFixtures.Read("mobile_timeline_feed.json"));

        var clip = page.Items[1];
        Assert.Equal("2777895743753690727", clip.Id);
        Assert.Equal("2 exams ☑️ 5 more to go 😵‍💫\n\n#jumprope #skipping #shuffle #progress #fitnessjourney", clip.Caption);
        Assert.Equal(452, clip.LikeCount);
        Assert.Equal(23, clip.CommentCount);
        Assert.Equal(At(1645371045), clip.TakenAt);
        Assert.Equal(("4361530928", "project.eunice"), (clip.OwnerId, clip.OwnerUsername));
        Assert.Equal(15.256, clip.VideoDurationSeconds);
        Assert.Equal(2511, clip.VideoViewCount);
        Assert.Equal((1169, 2077), (clip.Width, clip.Height));
        Assert.Equal("https://instagram.ftpe7-1.fna.fbcdn.net/v/t51.2885-15/274204699_368875304742960_2903505860438940531_n.jpg?stp=dst-jpg_e35&_nc_ht=instagram.ftpe7-1.fna.fbcdn.net&_nc_cat=100&_nc_ohc=n5G3WnnrZUUAX9mrKd3&tn=t5iqV-w0lgIzsXJq&edm=AJ9x6zYBAAAA&ccb=7-4&ig_cache_key=Mjc3Nzg5NTc0Mzc1MzY5MDcyNw%3D%3D.2-ccb7-4&oh=00_AT8cTI983wYG94fGiLUEmaNNS0k9Y6IcfiZCOQ9oGF_NPA&oe=621A23F8&_nc_sid=cff2a4", clip.ImageUrl);
        Assert.Equal("https://instagram.ftpe7-4.fna.fbcdn.net/v/t50.2886-16/274126263_1088155192035511_7084646329038070066_n.mp4?efg=eyJ2ZW5jb2RlX3RhZyI6InZ0c192b2RfdXJsZ2VuLjcyMC5jbGlwcy5iYXNlbGluZSIsInFlX2dyb3VwcyI6IltcImlnX3dlYl9kZWxpdmVyeV92dHNfb3RmXCJdIn0&_nc_ht=instagram.ftpe7-4.fna.fbcdn.net&_nc_cat=107&_nc_ohc=yBC_moX58LQAX_8BDAH&edm=AJ9x6zYBAAAA&vs=1606039016401527_4135296396&_nc_vs=HBksFQAYJEdMZlZWaEMzaUs3ZnE5MERBRExobHRsTXVGRmlicV9FQUFBRhUAAsgBABUAGCRHRElrV1JENEhaczNwbElCQU5RQ1R3aW9yeWhJYnFfRUFBQUYVAgLIAQAoABgAGwAVAAAmjKmyv7CUvT8VAigCQzMsF0AuZmZmZmZmGBJkYXNoX2Jhc2VsaW5lXzFfdjERAHX%2BBwA%3D&_nc_rid=02291f5298&ccb=7-4&oe=621555BC&oh=00_AT8p_8CvrrxJ12XESrCyEPPIJzD38WYfeFsxz--5yqoUCg&_nc_sid=cff2a4", clip.VideoUrl);
    }

    [Fact]
    [CoversFixture("mobile_timeline_feed.json")]
    public void The_cover_is_the_uncropped_original_not_the_wider_square_crop()
    {
        var clip = FeedParser.Parse(InstagramFixtures.Read("mobile_timeline_feed.json")).Items[3];

        // candidates: 720x1280 (the original) first, later a 1080x1080 crop "c0.280.720.720a".
        Assert.Equal("https://instagram.ftpe7-3.fna.fbcdn.net/v/t51.2885-15/274314768_1654783014876387_3511033353313735424_n.jpg?stp=dst-jpg_e35&_nc_ht=instagram.ftpe7-3.fna.fbcdn.net&_nc_cat=103&_nc_ohc=hjVM-ihrnS0AX-hvr-5&tn=t5iqV-w0lgIzsXJq&edm=AJ9x6zYBAAAA&ccb=7-4&ig_cache_key=Mjc3ODIyNTYxMzAyOTI4MDMxOQ%3D%3D.2-ccb7-4&oh=00_AT-SC8nbGU3NicmiibzAiu4dSznkTpzPtgHVVnxgak-pjg&oe=621AD19F&_nc_sid=cff2a4", clip.ImageUrl);
        Assert.Equal(6.99, clip.VideoDurationSeconds);
        Assert.Equal(At(1645410349), clip.TakenAt);
    }

    [Fact]
    [CoversFixture("mobile_timeline_feed.json")]
    public void Feed_images_read_counts_and_webp_urls()
    {
        var page = FeedParser.Parse(InstagramFixtures.Read("mobile_timeline_feed.json"));
        var last = page.Items[4];
        Assert.Equal("2778245697374190039", last.Id);
        Assert.Equal(65739, last.LikeCount);
        Assert.Equal(178, last.CommentCount);
        Assert.Equal(At(1645412717), last.TakenAt);
        Assert.Equal("https://instagram.ftpe7-4.fna.fbcdn.net/v/t51.2885-15/274324139_3183642415296317_7714619464461411367_n.webp?stp=dst-jpg_e35&_nc_ht=instagram.ftpe7-4.fna.fbcdn.net&_nc_cat=1&_nc_ohc=gCLl_KZkcWgAX85VesR&edm=AJ9x6zYBAAAA&ccb=7-4&ig_cache_key=Mjc3ODI0NTY5NzM3NDE5MDAzOQ%3D%3D.2-ccb7-4&oh=00_AT8_LblQdvb8y9UW056BmKDHhauhlSt5-u18TA5pjA7pnA&oe=6219D3E5&_nc_sid=cff2a4", last.ImageUrl);
        Assert.Equal(At(1645414258), page.Items[2].TakenAt);
        Assert.Equal(0, page.Items[2].CommentCount);
    }

    [Fact]
    public void Ads_and_non_media_feed_items_are_left_out()
    {
        const string body = """
            {"feed_items":[
               {"media_or_ad":{"pk":"1","id":"1_9","code":"A","media_type":1,"taken_at":1700000000,"user":{"pk":9,"username":"friend"}}},
               {"media_or_ad":{"pk":"2","id":"2_8","code":"B","media_type":1,"ad_id":"123","injected":{"label":"Sponsored"},"user":{"pk":8,"username":"brand"}}},
               {"suggested_users":{"type":2,"suggestions":[]}},
               {"end_of_feed_demarcator":{"id":"x"}}],
             "more_available":false,"status":"ok"}
            """;
        var page = FeedParser.Parse(body);
        Assert.Equal("1", Assert.Single(page.Items).Id);
        Assert.False(page.HasNext);
        Assert.Null(page.NextCursor);
    }
}
