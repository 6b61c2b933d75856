using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

public sealed class ReelSummaryParserTests
{
    [Fact]
    [CoversFixture("graphql_user_reel_and_chaining.json")]
    public void Reel_and_chaining_yields_reel_state_five_suggestions_and_the_highlights()
    {
        var summary = ReelSummaryParser.Parse(InstagramFixtures.Read("graphql_user_reel_and_chaining.json"));

        var reel = summary.Reel!;
        Assert.Equal("223373777", reel.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1623869776), reel.ExpiringAt);
        Assert.Null(reel.LatestReelMedia); // latest_reel_media 0: no current story
        Assert.Null(reel.SeenUpTo);
        Assert.False(reel.HasStories);
        Assert.False(reel.HasUnseen);

        Assert.Equal(["dastaan_e_musafir", "tripotocommunity", "mostlysane", "ttt_official", "netflix_in"], summary.Suggested.Select(u => u.Username));
        Assert.Equal(new InstagramUser("4161218827", "dastaan_e_musafir", "Ruhi",
            "https://instagram.fdel3-1.fna.fbcdn.net/v/t51.2885-19/s150x150/130174203_1494096317466146_534610331273687966_n.jpg?tp=1&_nc_ht=instagram.fdel3-1.fna.fbcdn.net&_nc_ohc=XuouJb-RVgQAX-zLPWL&edm=AGW0Xe4BAAAA&ccb=7-4&oh=66c0f5f14d8dbce2e84ad4f1dfdd886c&oe=60CFF0E3&_nc_sid=acd11b",
            IsPrivate: false, IsVerified: false), summary.Suggested[0]);
        Assert.True(summary.Suggested[1].IsVerified);
        Assert.Equal("3229110093", summary.Suggested[4].Id);
        Assert.Equal("Netflix India", summary.Suggested[4].FullName);

        Assert.Equal(38, summary.Highlights.Count);
        Assert.Equal(new HighlightReel("17865167210321220", "Kerala part 2",
            "https://instagram.fdel3-1.fna.fbcdn.net/v/t51.2885-15/e35/c54.355.1035.1035a/s150x150/132248908_714750959451273_2972017016987271044_n.jpg?tp=1&_nc_ht=instagram.fdel3-1.fna.fbcdn.net&_nc_cat=109&_nc_ohc=SnbI6ZF3VKsAX_DlDZu&edm=AGW0Xe4BAAAA&ccb=7-4&oh=6389be7ba697a624e8b01c900784a500&oe=60CB2E74&_nc_sid=acd11b"),
            summary.Highlights[0]);
        Assert.Equal(("17910958924533902", "Kerala ⛴"), (summary.Highlights[1].Id, summary.Highlights[1].Title));
        Assert.Equal("Rishikesh", summary.Highlights[3].Title);
    }

    [Fact]
    public void A_reel_newer_than_what_was_seen_is_unseen()
    {
        var summary = ReelSummaryParser.Parse("""{"data":{"user":{"reel":{"id":"1","expiring_at":1700086400,"latest_reel_media":1700000200,"seen":1700000100}}}}""");
        Assert.True(summary.Reel!.HasStories);
        Assert.True(summary.Reel.HasUnseen);
        Assert.Empty(summary.Suggested);
        Assert.Empty(summary.Highlights);
    }

    [Fact]
    public void A_null_user_is_not_found()
    {
        Assert.Throws<NotFoundException>(() => ReelSummaryParser.Parse("""{"data":{"viewer":{},"user":null},"status":"ok"}"""));
    }
}
