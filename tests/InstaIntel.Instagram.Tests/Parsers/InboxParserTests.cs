using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

// No inbox was captured; the shape is docs/instagram-endpoints.md's (dilame DirectInboxFeedResponse).
public sealed class InboxParserTests
{
    [Fact]
    public void Inbox_threads_yield_partners_and_microsecond_activity_times()
    {
        const string body = """
            {"viewer":{"pk":1,"username":"me"},
             "inbox":{"threads":[
                 {"thread_id":"340282366841710300949128171234567890","users":[{"pk":42,"username":"pal","full_name":"Pal","profile_pic_url":"https://cdn/42.jpg","is_private":false}],
                  "last_activity_at":1565183633123456,"is_group":false},
                 {"thread_id":"340282366841710300949128179999999999","users":[{"pk":"43","username":"a"},{"pk":44,"username":"b"}],"last_activity_at":"1565000000000000"}],
              "oldest_cursor":"340282366841710300949128179999999999","has_older":true},
             "status":"ok"}
            """;
        var page = InboxParser.Parse(body);

        Assert.True(page.HasNext);
        Assert.Equal("340282366841710300949128179999999999", page.NextCursor);
        var first = page.Items[0];
        Assert.Equal("340282366841710300949128171234567890", first.ThreadId);
        Assert.Equal(new InstagramUser("42", "pal", "Pal", "https://cdn/42.jpg", false), Assert.Single(first.Users));
        Assert.Equal(new DateTimeOffset(2019, 8, 7, 13, 13, 53, 123, TimeSpan.Zero), first.LastActivityAt);
        Assert.Equal(["43", "44"], page.Items[1].Users.Select(u => u.Id));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1565000000), page.Items[1].LastActivityAt);
    }

    [Fact]
    public void The_oldest_page_has_no_cursor()
    {
        var page = InboxParser.Parse("""{"inbox":{"threads":[],"has_older":false},"status":"ok"}""");
        Assert.False(page.HasNext);
        Assert.Null(page.NextCursor);
        Assert.Empty(page.Items);
    }
}
