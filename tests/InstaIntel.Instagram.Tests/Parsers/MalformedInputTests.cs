using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

public sealed class MalformedInputTests
{
    private const string LoginHtml = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Login • Instagram</title></head>
        <body><form method="post" action="/accounts/login/ajax/"><input name="username" type="text"><input name="password" type="password"><button type="submit">Log in</button></form></body></html>
        """;

    [Theory]
    [MemberData(nameof(ParserTable.Names), MemberType = typeof(ParserTable))]
    public void An_empty_body_is_transient(string parser)
    {
        Assert.Throws<TransientException>(() => ParserTable.All[parser](""));
        Assert.Throws<TransientException>(() => ParserTable.All[parser]("  \r\n "));
    }

    [Theory]
    [MemberData(nameof(ParserTable.Names), MemberType = typeof(ParserTable))]
    public void The_login_page_is_authentication_required(string parser)
    {
        var error = Assert.Throws<AuthenticationRequiredException>(() => ParserTable.All[parser](LoginHtml));
        Assert.Equal("login_page", error.Reason);
    }

    [Theory]
    [MemberData(nameof(ParserTable.Names), MemberType = typeof(ParserTable))]
    public void Other_html_is_transient(string parser)
    {
        Assert.Throws<TransientException>(() => ParserTable.All[parser]("<html><body><h1>502 Bad Gateway</h1></body></html>"));
    }

    [Theory]
    [MemberData(nameof(ParserTable.Names), MemberType = typeof(ParserTable))]
    public void Valid_json_of_the_wrong_shape_is_malformed(string parser)
    {
        List<string> bodies = ["[]", "42", "\"text\"", "null", "true", "{}", """{"unexpected":1}"""];
        // {"status":"ok"} is a whole answer for a bare action and a message receipt (its payload is optional).
        if (parser is not ("action" or "direct_message")) bodies.Add("""{"status":"ok"}""");
        foreach (var body in bodies)
            Assert.Throws<MalformedResponseException>(() => ParserTable.All[parser](body));
    }

    [Theory]
    [MemberData(nameof(ParserTable.Names), MemberType = typeof(ParserTable))]
    public void An_error_body_raises_its_typed_error_from_any_parser(string parser)
    {
        Assert.Throws<AuthenticationRequiredException>(() => ParserTable.All[parser]("""{"message":"login_required","status":"fail"}"""));
        Assert.Throws<ChallengeRequiredException>(() => ParserTable.All[parser](InstagramFixtures.Read("error_challenge_required_login.json")));
        Assert.Throws<ChallengeRequiredException>(() => ParserTable.All[parser](InstagramFixtures.Read("error_checkpoint_challenge_required.json")));
        Assert.Throws<ActionBlockedException>(() => ParserTable.All[parser](InstagramFixtures.Read("error_feedback_required.json")));
        Assert.Throws<RateLimitedException>(() => ParserTable.All[parser]("""{"message":"Please wait a few minutes before you try again.","status":"fail"}"""));
    }

    [Theory]
    [MemberData(nameof(ParserTable.FixturesWithParsers), MemberType = typeof(ParserTable))]
    public void A_truncated_fixture_is_transient_wherever_it_is_cut(string fixture, string parser)
    {
        var body = InstagramFixtures.Read(fixture);
        for (var cut = 1; cut < body.Length; cut += Math.Max(1, body.Length / 23))
        {
            var prefix = body[..cut];
            if (string.IsNullOrWhiteSpace(prefix)) continue;
            var error = Record.Exception(() => ParserTable.All[parser](prefix));
            Assert.True(error is TransientException, $"{fixture} cut at {cut}: {error?.GetType().Name ?? "parsed"}");
        }
    }

    [Fact]
    public void Absurd_nesting_is_a_typed_error_not_a_stack_overflow()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        Assert.Throws<TransientException>(() => FeedParser.Parse("{\"feed_items\":" + deep + "}"));
    }

    [Theory]
    [InlineData("""{"data":{"user":{"edge_followed_by":{"count":1,"edges":[{"node":{"id":"1","username":12345}}]}}}}""", "$.data.user.edge_followed_by.edges[0].node.username", "expected a string, found number")]
    [InlineData("""{"data":{"user":{"edge_followed_by":{"count":"many","edges":[]}}}}""", "$.data.user.edge_followed_by.count", "expected an integer, found string")]
    [InlineData("""{"data":{"user":{"edge_followed_by":{"count":1,"edges":{"node":{}}}}}}""", "$.data.user.edge_followed_by.edges", "expected an array, found object")]
    [InlineData("""{"data":{"user":{"edge_followed_by":{"count":1,"edges":[{"node":{"id":true,"username":"a"}}]}}}}""", "$.data.user.edge_followed_by.edges[0].node.id", "expected an id, found true")]
    [InlineData("""{"data":{"user":{"edge_followed_by":{"count":1,"edges":[{"node":{"id":1.5,"username":"a"}}]}}}}""", "$.data.user.edge_followed_by.edges[0].node.id", "expected a whole-number id")]
    [InlineData("""{"data":{"user":{"edge_followed_by":{"count":1,"edges":[{"node":{"id":"1","username":"a","is_private":"yes"}}]}}}}""", "$.data.user.edge_followed_by.edges[0].node.is_private", "expected true or false, found string")]
    [InlineData("""{"data":{"user":{"edge_followed_by":{"count":1,"edges":[{"node":"karan"}]}}}}""", "$.data.user.edge_followed_by.edges[0].node", "expected an object, found string")]
    [InlineData("""{"data":{"user":{"edge_followed_by":{"count":1,"edges":[{"node":{"id":"1"}}]}}}}""", "$.data.user.edge_followed_by.edges[0].node.username", "missing or empty")]
    public void Wrong_types_are_malformed_and_name_the_path(string body, string path, string problem)
    {
        var error = Assert.Throws<MalformedResponseException>(() => FollowGraphParser.Parse(body, FollowDirection.Followers));
        Assert.Equal(path, error.Path);
        Assert.Equal(problem, error.Problem);
        Assert.Equal("followers page", error.Subject);
        Assert.False(error.IsRetryable);
    }

    [Theory]
    [InlineData("""{"data":{"reels_media":[{"id":"1","items":[{"id":"2","taken_at_timestamp":"yesterday"}]}]}}""", "$.data.reels_media[0].items[0].taken_at_timestamp")]
    [InlineData("""{"data":{"reels_media":[{"id":"1","items":[{"id":"2","taken_at_timestamp":1e300}]}]}}""", "$.data.reels_media[0].items[0].taken_at_timestamp")]
    [InlineData("""{"data":{"reels_media":[{"id":"1","items":[{"id":"2","video_duration":"long"}]}]}}""", "$.data.reels_media[0].items[0].video_duration")]
    [InlineData("""{"data":{"reels_media":[{"id":"1","items":[{"id":"2","display_resources":[{"config_width":640}]}]}]}}""", "$.data.reels_media[0].items[0].display_resources[0].src")]
    [InlineData("""{"data":{"reels_media":{"id":"1"}}}""", "$.data.reels_media")]
    public void Wrong_story_fields_are_malformed_at_their_path(string body, string path)
    {
        Assert.Equal(path, Assert.Throws<MalformedResponseException>(() => StoryParser.ParseReels(body)).Path);
    }

    [Fact]
    public void Missing_optional_fields_are_tolerated()
    {
        var reel = Assert.Single(StoryParser.ParseReels("""{"data":{"reels_media":[{"id":"7","items":[{"id":"8"}]}]},"status":"ok"}"""));
        Assert.Equal(new StoryItem("8", "7", MediaType.Image, null, null, null, null, null), Assert.Single(reel.Items));
        var profile = ProfileParser.ParseDetails("""{"graphql":{"user":{"id":"1","username":"bare"}}}""");
        Assert.Equal(new ProfileDetails("1", "bare", null, null, null, null, null, null, null, false, false), profile);
    }
}
