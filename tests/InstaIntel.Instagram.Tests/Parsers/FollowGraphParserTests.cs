using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

public sealed class FollowGraphParserTests
{
    [Fact]
    [CoversFixture("graphql_followers.json")]
    public void Graphql_followers_page_yields_every_follower_and_the_last_page_marker()
    {
        var page = FollowGraphParser.Parse(InstagramFixtures.Read("graphql_followers.json"), FollowDirection.Followers);

        Assert.Equal(625, page.TotalCount);
        Assert.False(page.HasNext);
        Assert.Null(page.NextCursor); // end_cursor is "" on the last page
        Assert.Equal(
            ["karan.gosain18", "chinu7879", "ayushman1087", "grilledcheese_sandwich_", "manish.vija", "abhnv_rai"],
            page.Items.Select(u => u.Username));
        Assert.Equal(
            new InstagramUser("3590469673", "karan.gosain18", "Karan Gosain",
                "https://instagram.fbom19-2.fna.fbcdn.net/vp/5aa9847089d6b731320c035e3d352e35/5E118CD4/t51.2885-19/s150x150/16228921_636817709839752_5515655086660911104_n.jpg?_nc_ht=instagram.fbom19-2.fna.fbcdn.net",
                IsPrivate: true, IsVerified: false),
            page.Items[0]);
        Assert.Equal("18988103076", page.Items[2].Id);
        Assert.False(page.Items[2].IsPrivate);
        Assert.Equal("11871127214", page.Items[5].Id);
        Assert.Equal("Achintya🍷 | Food Blogger", page.Items[5].FullName);
    }

    [Fact]
    [CoversFixture("graphql_following.json")]
    public void Graphql_following_page_leaves_is_private_unknown_where_the_node_omits_it()
    {
        var page = FollowGraphParser.Parse(InstagramFixtures.Read("graphql_following.json"), FollowDirection.Following);

        Assert.Equal(445, page.TotalCount);
        Assert.False(page.HasNext);
        Assert.Null(page.NextCursor);
        Assert.Equal(6, page.Items.Count);
        var first = page.Items[0];
        Assert.Equal("1401714969", first.Id);
        Assert.Equal("therealpeterlindbergh", first.Username);
        Assert.Equal("Peter Lindbergh", first.FullName);
        Assert.True(first.IsVerified);
        Assert.Null(first.IsPrivate);
        Assert.Equal("1374138163", page.Items[5].Id);
        Assert.Equal("grilledcheese_sandwich_", page.Items[5].Username);
    }

    [Fact]
    public void Asking_for_followers_in_a_following_body_is_malformed_not_an_empty_page()
    {
        var error = Assert.Throws<MalformedResponseException>(() =>
            FollowGraphParser.Parse(InstagramFixtures.Read("graphql_following.json"), FollowDirection.Followers));
        Assert.Equal("$.data.user.edge_followed_by", error.Path);
    }

    [Fact]
    public void A_middle_graphql_page_carries_its_end_cursor()
    {
        const string body = """
            {"data":{"user":{"edge_followed_by":{"count":3,"page_info":{"has_next_page":true,"end_cursor":"QVFDcursor=="},
             "edges":[{"node":{"id":"1","username":"a"}}]}}},"status":"ok"}
            """;
        var page = FollowGraphParser.Parse(body, FollowDirection.Followers);
        Assert.True(page.HasNext);
        Assert.Equal("QVFDcursor==", page.NextCursor);
        Assert.Equal(new InstagramUser("1", "a"), Assert.Single(page.Items));
    }

    [Fact]
    public void A_page_that_promises_more_without_a_cursor_is_malformed()
    {
        const string body = """{"data":{"user":{"edge_follow":{"count":3,"page_info":{"has_next_page":true,"end_cursor":null},"edges":[]}}}}""";
        var error = Assert.Throws<MalformedResponseException>(() => FollowGraphParser.Parse(body, FollowDirection.Following));
        Assert.Equal("$.data.user.edge_follow.page_info", error.Path);
    }

    // Mobile friendships/{id}/followers/ as dilame/instagram-private-api's FriendshipsFeedResponse types it.
    [Fact]
    public void Mobile_followers_page_reads_numeric_pks_and_next_max_id()
    {
        const string body = """
            {"users":[{"pk":1234567890123,"username":"m.one","full_name":"M One","is_private":false,"profile_pic_url":"https://cdn/p1.jpg","is_verified":false},
                      {"pk":"42","username":"m.two","is_private":true}],
             "big_list":true,"page_size":200,"next_max_id":"200","status":"ok"}
            """;
        var page = FollowGraphParser.Parse(body, FollowDirection.Followers);
        Assert.True(page.HasNext);
        Assert.Equal("200", page.NextCursor);
        Assert.Null(page.TotalCount);
        Assert.Equal(new InstagramUser("1234567890123", "m.one", "M One", "https://cdn/p1.jpg", false, false), page.Items[0]);
        Assert.Equal(new InstagramUser("42", "m.two", IsPrivate: true), page.Items[1]);
    }

    [Fact]
    public void Mobile_last_page_has_no_cursor()
    {
        var page = FollowGraphParser.Parse("""{"users":[],"big_list":false,"page_size":200,"status":"ok"}""", FollowDirection.Following);
        Assert.False(page.HasNext);
        Assert.Null(page.NextCursor);
        Assert.Empty(page.Items);
    }

    [Fact]
    public void A_null_user_is_not_found()
    {
        Assert.Throws<NotFoundException>(() => FollowGraphParser.Parse("""{"data":{"user":null},"status":"ok"}""", FollowDirection.Followers));
    }
}
