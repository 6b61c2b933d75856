using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

public sealed class CommentParserTests
{
    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    [Fact]
    [CoversFixture("graphql_post_comments.json")]
    public void Graphql_comments_page_yields_all_nine_comments_with_authors()
    {
        var page = CommentParser.Parse(InstagramFixtures.Read("graphql_post_comments.json"));

        Assert.Equal(9, page.TotalCount);
        Assert.False(page.HasNext);
        Assert.Null(page.NextCursor);
        Assert.Equal(9, page.Items.Count);
        var first = page.Items[0];
        Assert.Equal("18084833866068799", first.Id);
        Assert.Equal("Awesome. This guy is giving life goals!!", first.Text);
        Assert.Equal(At(1565183633), first.CreatedAt);
        Assert.Equal(new InstagramUser("2227230188", "_ashishsahu_", null,
            "https://instagram.fbom26-1.fna.fbcdn.net/vp/5bcdabca00dafd553bb38176283f5dd3/5E01BB59/t51.2885-19/s150x150/65399221_693353397793481_4618289874242371584_n.jpg?_nc_ht=instagram.fbom26-1.fna.fbcdn.net"), first.Author);
        Assert.Null(first.LikeCount);
        Assert.Equal("Weekend pe ghar ke bahar nikalne ko Maut aati hai tujhe 😂😂", page.Items[2].Text);
        var last = page.Items[8];
        Assert.Equal("17852409343505595", last.Id);
        Assert.Equal("@bromo_and_ijen clicked by such an expert photographer - you ❣️", last.Text);
        Assert.Equal(At(1565233393), last.CreatedAt);
        Assert.Equal(("2095657187", "abhnv_rai"), (last.Author!.Id, last.Author.Username));
    }

    [Fact]
    [CoversFixture("graphql_post_video.json")]
    public void A_post_lookup_carries_its_first_comments_as_parent_comments()
    {
        var page = CommentParser.Parse(InstagramFixtures.Read("graphql_post_video.json"));

        Assert.Equal(3, page.TotalCount);
        Assert.False(page.HasNext);
        Assert.Equal(["17848033684862331", "17843585143909176", "17859165958688216"], page.Items.Select(c => c.Id));
        Assert.Equal("Bravo 👏🏼👏🏼🎶", page.Items[0].Text);
        Assert.Equal(At(1579029728), page.Items[0].CreatedAt);
        Assert.Equal("slymnmusic", page.Items[0].Author!.Username);
        Assert.Equal(0, page.Items[0].LikeCount);
        Assert.Equal(1, page.Items[1].LikeCount);
        Assert.Equal(("632148580", "manoj_malviya_"), (page.Items[2].Author!.Id, page.Items[2].Author!.Username));
    }

    [Fact]
    [CoversFixture("mobile_media_comments.json")]
    public void Mobile_comments_keep_ids_beyond_double_precision_exact()
    {
        var page = CommentParser.Parse(InstagramFixtures.Read("mobile_media_comments.json"));

        Assert.Equal(1, page.TotalCount);
        Assert.False(page.HasNext);
        Assert.Null(page.NextCursor);
        var comment = Assert.Single(page.Items);
        Assert.Equal("17855175712321167", comment.Id); // a JSON number above 2^53: read as text, not as a double
        Assert.Equal("پست عالی", comment.Text);
        Assert.Equal(At(1547267438), comment.CreatedAt);
        Assert.Equal(0, comment.LikeCount);
        Assert.Equal(new InstagramUser("8471211875", "hoobareh_ad", "هوبره - گروه تخصصی IT",
            "https://instagram.fdoh5-1.fna.fbcdn.net/vp/c2a7e0d53702fb2d48e6d547024b6440/5DA05A8F/t51.2885-19/s150x150/49745805_420191145384280_7366157994003791872_n.jpg?_nc_ht=instagram.fdoh5-1.fna.fbcdn.net",
            false, false), comment.Author);
    }

    [Fact]
    public void Mobile_comments_with_more_pages_return_next_max_id()
    {
        const string body = """
            {"comments":[{"pk":"1","text":"hi","created_at":1700000000,"user":{"pk":2,"username":"u"}}],
             "comment_count":40,"has_more_comments":true,"next_max_id":"{\"server_cursor\": \"QVFB\"}","status":"ok"}
            """;
        var page = CommentParser.Parse(body);
        Assert.True(page.HasNext);
        Assert.Equal("{\"server_cursor\": \"QVFB\"}", page.NextCursor);
        Assert.Equal(40, page.TotalCount);
        Assert.Equal(new Comment("1", "hi", At(1700000000), new InstagramUser("2", "u"), null), page.Items[0]);
    }

    [Fact]
    public void A_comment_without_text_is_malformed()
    {
        var error = Assert.Throws<MalformedResponseException>(() =>
            CommentParser.Parse("""{"comments":[{"pk":"1","user":{"pk":2,"username":"u"}}],"has_more_comments":false,"status":"ok"}"""));
        Assert.Equal("$.comments[0]", error.Path);
    }
}
