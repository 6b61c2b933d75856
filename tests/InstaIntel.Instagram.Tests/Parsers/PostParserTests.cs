using System.Text.Json.Nodes;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

public sealed class PostParserTests
{
    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    [Fact]
    [CoversFixture("graphql_post_image.json")]
    public void Graphql_image_post_yields_caption_counts_owner_and_display_url()
    {
        var post = PostParser.Parse(InstagramFixtures.Read("graphql_post_image.json"));

        Assert.Equal("2221103792020484090", post.Id);
        Assert.Equal("B7S8iGEp2_6", post.Shortcode);
        Assert.Equal(MediaType.Image, post.Type);
        Assert.Equal("Some beautiful time :)) #sunset #beach #book #beer", post.Caption);
        Assert.Equal(9, post.LikeCount); // edge_media_preview_like: the only like count in this shape
        Assert.Equal(0, post.CommentCount);
        Assert.Equal(At(1578996226), post.TakenAt);
        Assert.Equal(("18733674908", "zerotoone__"), (post.OwnerId, post.OwnerUsername));
        Assert.Equal("https://instagram.fblr2-1.fna.fbcdn.net/v/t51.2885-15/e35/79699196_188527468959914_3356950158766933047_n.jpg?_nc_ht=instagram.fblr2-1.fna.fbcdn.net&_nc_cat=102&_nc_ohc=AyF6LVpLm28AX8OS7TK&oh=b8688afc88edffb8ca261c8d78fb351f&oe=5EBF4C35", post.ImageUrl);
        Assert.Null(post.VideoUrl);
        Assert.Null(post.VideoDurationSeconds);
        Assert.Null(post.VideoViewCount);
        Assert.Equal((1080, 1080), (post.Width, post.Height));
        Assert.Empty(post.Children);
    }

    [Fact]
    [CoversFixture("graphql_post_video.json")]
    public void Graphql_video_post_yields_video_url_duration_and_views()
    {
        var post = PostParser.Parse(InstagramFixtures.Read("graphql_post_video.json"));

        Assert.Equal("2221384255850996697", post.Id);
        Assert.Equal("B7T8TYXpOPZ", post.Shortcode);
        Assert.Equal(MediaType.Video, post.Type);
        Assert.Equal("Had a lovely time in Varkala. Met great people, visited some good places and tried to get my life in order.\n🎵 Tujhko jo paaya\n.\n.\n.\n#varkala #TujhkoJoPaaya #cover #cliff #lovelyTime #Banjaarein", post.Caption);
        Assert.Equal(80, post.LikeCount);
        Assert.Equal(3, post.CommentCount); // edge_media_to_parent_comment
        Assert.Equal(At(1579029689), post.TakenAt);
        Assert.Equal(("2095657187", "abhnv_rai"), (post.OwnerId, post.OwnerUsername));
        Assert.Equal("https://scontent-frx5-1.cdninstagram.com/v/t50.2886-16/83581233_755705248168781_7691243924396593198_n.mp4?_nc_ht=scontent-frx5-1.cdninstagram.com&_nc_cat=105&_nc_ohc=cBJBUNtY684AX_TfefI&oe=5E2840E2&oh=ec5a9c64a046ad3845873baac294a234", post.VideoUrl);
        Assert.Equal("https://scontent-frx5-1.cdninstagram.com/v/t51.2885-15/e35/81446823_106627307443006_8369829621576865197_n.jpg?_nc_ht=scontent-frx5-1.cdninstagram.com&_nc_cat=110&_nc_ohc=EOIvc7FUWhIAX8gocoA&oh=579a0fd6225f085ecb23a705b6ea690a&oe=5E284A3B", post.ImageUrl);
        Assert.Equal(54.099, post.VideoDurationSeconds);
        Assert.Equal(316, post.VideoViewCount);
        Assert.Equal((750, 937), (post.Width, post.Height));
    }

    [Fact]
    public void Mobile_media_info_parses_like_a_feed_item()
    {
        // media/{id}/info answers {"items":[<media>]}: the third captured feed item, re-wrapped.
        var feed = JsonNode.Parse(InstagramFixtures.Read("mobile_timeline_feed.json"))!;
        var media = feed["feed_items"]![2]!["media_or_ad"]!.DeepClone();
        var body = new JsonObject { ["items"] = new JsonArray(media), ["num_results"] = 1, ["status"] = "ok" }.ToJsonString();

        var post = PostParser.Parse(body);
        Assert.Equal("2778258624659893542", post.Id);
        Assert.Equal("CaOW3_RBK0m", post.Shortcode);
        Assert.Equal(MediaType.Image, post.Type);
        Assert.Equal(6, post.LikeCount);
        Assert.Equal(("1779629851", "juju.0423"), (post.OwnerId, post.OwnerUsername));
    }

    [Theory]
    [InlineData("""{"data":{"shortcode_media":null},"status":"ok"}""")]
    [InlineData("""{"items":[],"num_results":0,"status":"ok"}""")]
    public void A_missing_post_is_not_found(string body)
    {
        Assert.Throws<NotFoundException>(() => PostParser.Parse(body));
    }

    [Fact]
    public void A_graphql_sidecar_lists_its_children_and_uses_the_first_as_cover_when_it_has_no_display_url()
    {
        const string body = """
            {"data":{"shortcode_media":{"__typename":"GraphSidecar","id":"5","shortcode":"Abc",
              "edge_sidecar_to_children":{"edges":[
                {"node":{"__typename":"GraphImage","id":"6","display_url":"https://cdn/6.jpg","dimensions":{"width":1080,"height":1350}}},
                {"node":{"__typename":"GraphVideo","id":"7","display_url":"https://cdn/7.jpg","video_url":"https://cdn/7.mp4","is_video":true}}]}}},
             "status":"ok"}
            """;
        var post = PostParser.Parse(body);
        Assert.Equal(MediaType.Carousel, post.Type);
        Assert.Equal("https://cdn/6.jpg", post.ImageUrl);
        Assert.Equal(new MediaAsset("6", MediaType.Image, "https://cdn/6.jpg", null, null, 1080, 1350), post.Children[0]);
        Assert.Equal(new MediaAsset("7", MediaType.Video, "https://cdn/7.jpg", "https://cdn/7.mp4"), post.Children[1]);
        Assert.Null(post.Caption);
        Assert.Null(post.LikeCount);
        Assert.Null(post.TakenAt);
    }
}
