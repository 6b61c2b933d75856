using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

public sealed class ActionResultParserTests
{
    [Fact]
    public void A_direct_message_receipt_reads_thread_item_and_microsecond_timestamp()
    {
        var sent = ActionResultParser.ParseDirectMessage(
            """{"action":"send_item","status_code":"200","payload":{"client_context":"c1","item_id":"29998","timestamp":"1700000000123456","thread_id":"3402823668"},"status":"ok"}""");
        Assert.Equal(new DirectMessageSent("3402823668", "29998", new DateTimeOffset(2023, 11, 14, 22, 13, 20, 123, TimeSpan.Zero)), sent);
    }

    [Fact]
    public void A_message_receipt_without_payload_still_says_sent()
    {
        Assert.Equal(new DirectMessageSent(null, null, null), ActionResultParser.ParseDirectMessage("""{"status":"ok"}"""));
        Assert.Throws<MalformedResponseException>(() => ActionResultParser.ParseDirectMessage("""{"payload":{"thread_id":"1"}}"""));
    }

    [Fact]
    public void A_comment_receipt_reads_id_text_and_time()
    {
        var posted = ActionResultParser.ParsePostedComment(
            """{"id":"17900000000000001","from":{"id":"1","username":"me"},"text":"nice!","created_time":1700000000,"status":"ok"}""");
        Assert.Equal(new PostedComment("17900000000000001", "nice!", DateTimeOffset.FromUnixTimeSeconds(1700000000)), posted);
    }

    [Fact]
    public void Status_ok_with_extra_fields_is_success_and_anything_else_is_not()
    {
        ActionResultParser.EnsureOk("""{"status":"ok"}""");
        ActionResultParser.EnsureOk("""{"result":"following","status":"ok"}""");
        Assert.Throws<MalformedResponseException>(() => ActionResultParser.EnsureOk("""{"result":"following"}"""));
    }

    [Fact]
    public void A_blocked_like_is_action_blocked()
    {
        var error = Assert.Throws<ActionBlockedException>(() => ActionResultParser.EnsureOk(InstagramFixtures.Read("error_feedback_required.json")));
        Assert.Equal("Signup Error", error.FeedbackTitle);
    }

    [Fact]
    [CoversFixture("errors_documented.json")]
    public void Login_results_from_the_documented_bodies()
    {
        var documented = DocumentedErrors.Load();
        Assert.Equal(new LoginResult(true, true, "819693525"), ActionResultParser.ParseLogin(documented["login_ok"].Body));
        Assert.Equal(new LoginResult(false, true, null), ActionResultParser.ParseLogin(documented["login_failed"].Body));
        ActionResultParser.EnsureOk(documented["action_ok"].Body);
        ActionResultParser.EnsureOk(documented["action_ok_follow"].Body);
    }
}
