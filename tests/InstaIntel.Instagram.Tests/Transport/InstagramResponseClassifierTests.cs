using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Tests.Parsers;
using InstaIntel.Instagram.Transport;

namespace InstaIntel.Instagram.Tests.Transport;

public sealed class InstagramResponseClassifierTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private const string ApiUrl = "https://www.instagram.com/api/v1/users/web_profile_info/?username=someone";

    private static InstagramException? Classify(int status, string body, string url = ApiUrl, params (string Name, string Value)[] headers) =>
        InstagramResponseClassifier.Classify(
            new InstagramResponse(status, headers.ToDictionary(h => h.Name.ToLowerInvariant(), h => h.Value), body, url), Now);

    [Fact]
    [CoversFixture("error_challenge_required_login.json")]
    public void A_challenge_at_login_is_challenge_required_with_its_url_and_is_never_retried()
    {
        var error = Assert.IsType<ChallengeRequiredException>(Classify(400, InstagramFixtures.Read("error_challenge_required_login.json")));
        Assert.Equal("challenge_required", error.Reason);
        Assert.Equal("https://i.instagram.com/challenge/?next=/api/v1/accounts/login/", error.ChallengeUrl);
        Assert.False(error.IsRetryable);
        Assert.True(error.PausesAccount);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    [CoversFixture("error_checkpoint_challenge_required.json")]
    public void A_checkpoint_challenge_names_its_error_type_and_url()
    {
        var error = Assert.IsType<ChallengeRequiredException>(Classify(400, InstagramFixtures.Read("error_checkpoint_challenge_required.json")));
        Assert.Equal("checkpoint_challenge_required", error.Reason);
        Assert.Equal("https://i.instagram.com/challenge/XXXXX/XXXX/", error.ChallengeUrl);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    [CoversFixture("error_feedback_required.json")]
    public void Feedback_required_is_action_blocked_with_the_feedback_text()
    {
        var error = Assert.IsType<ActionBlockedException>(Classify(400, InstagramFixtures.Read("error_feedback_required.json")));
        Assert.Equal("Signup Error", error.FeedbackTitle);
        Assert.StartsWith("Sorry! There’s a problem signing you up right now.", error.FeedbackMessage);
        Assert.Equal("repute/report_problem/instagram_signup/", error.FeedbackUrl);
        Assert.True(error.Spam);
        Assert.False(error.IsRetryable);
        Assert.False(error.PausesAccount);
    }

    [Fact]
    [CoversFixture("errors_documented.json")]
    public void Each_documented_error_body_with_its_status_maps_to_its_type()
    {
        var documented = DocumentedErrors.Load();
        var expected = new Dictionary<string, Action<InstagramException?>>
        {
            ["checkpoint_required"] = e =>
            {
                var challenge = Assert.IsType<ChallengeRequiredException>(e);
                Assert.Equal("checkpoint_required", challenge.Reason);
                Assert.Equal("/challenge/1234567890/AbCdEf/", challenge.ChallengeUrl);
            },
            ["login_required"] = e => Assert.Equal("login_required", Assert.IsType<AuthenticationRequiredException>(e).Reason),
            ["feedback_required"] = e =>
            {
                var blocked = Assert.IsType<ActionBlockedException>(e);
                Assert.Equal("Try Again Later", blocked.FeedbackTitle);
                Assert.Equal("We limit how often you can do certain things on Instagram to protect our community.", blocked.FeedbackMessage);
            },
            // Says require_login, but it is a rate limit: the account waits, it does not log in again.
            ["rate_limited"] = e => Assert.Null(Assert.IsType<RateLimitedException>(e).RetryAfter),
            ["consent_required"] = e => Assert.Equal("consent_required", Assert.IsType<ChallengeRequiredException>(e).Reason),
            ["login_failed"] = Assert.Null,
            ["login_ok"] = Assert.Null,
            ["action_ok_follow"] = Assert.Null,
            ["action_ok"] = Assert.Null,
        };

        // A new entry in the file must get an expectation here.
        Assert.Equal(expected.Keys.Order(), documented.Keys.Order());
        foreach (var (name, entry) in documented)
        {
            var outcome = Classify(entry.Status, entry.Body);
            expected[name](outcome);
            if (outcome is not null) Assert.Equal(entry.Status, outcome.Status);
        }
    }

    [Theory]
    [InlineData(401, """{"message":"login_required","status":"fail"}""", "login_required")]
    [InlineData(403, """{"message":"login_required","status":"fail"}""", "login_required")]
    [InlineData(401, "", "http_401")]
    [InlineData(403, "<html><body>CSRF verification failed.</body></html>", "http_403")]
    [InlineData(200, """{"message":"login_required","status":"fail"}""", "login_required")]
    public void Login_required_and_bare_401_403_need_a_new_session(int status, string body, string reason)
    {
        var error = Assert.IsType<AuthenticationRequiredException>(Classify(status, body));
        Assert.Equal(reason, error.Reason);
        Assert.False(error.IsRetryable);
        Assert.True(error.PausesAccount);
    }

    [Fact]
    public void Landing_on_the_login_page_after_redirects_is_authentication_required()
    {
        var error = Assert.IsType<AuthenticationRequiredException>(
            Classify(200, "<!DOCTYPE html><html><head><title>Instagram</title></head></html>", "https://www.instagram.com/accounts/login/?next=%2Fapi%2Fv1%2Ffeed%2Ftimeline%2F"));
        Assert.Equal("redirect_to_login", error.Reason);
    }

    [Theory]
    [InlineData(302, "/accounts/login/?next=/api/v1/feed/reels_tray/")]
    [InlineData(301, "https://www.instagram.com/accounts/login/")]
    public void An_unfollowed_redirect_to_login_is_authentication_required(int status, string location)
    {
        var error = Assert.IsType<AuthenticationRequiredException>(Classify(status, "", ApiUrl, ("Location", location)));
        Assert.Equal("redirect_to_login", error.Reason);
    }

    [Fact]
    public void A_redirect_to_a_challenge_is_challenge_required_with_the_target()
    {
        var error = Assert.IsType<ChallengeRequiredException>(Classify(302, "", ApiUrl, ("Location", "/challenge/123/AbC/")));
        Assert.Equal("/challenge/123/AbC/", error.ChallengeUrl);
        var landed = Assert.IsType<ChallengeRequiredException>(Classify(200, "<html></html>", "https://www.instagram.com/challenge/123/AbC/"));
        Assert.Equal("redirect_to_challenge", landed.Reason);
    }

    [Fact]
    public void An_unexpected_redirect_elsewhere_is_rejected_not_success()
    {
        Assert.IsType<RequestRejectedException>(Classify(302, "", ApiUrl, ("Location", "https://www.instagram.com/")));
    }

    [Fact]
    public void The_login_page_served_as_200_is_authentication_required()
    {
        const string html = """<!DOCTYPE html><html><head><title>Login • Instagram</title></head><body><form id="loginForm" method="post"><input name="username"><input type="password" name="password"><button type="submit">Log in</button></form></body></html>""";
        Assert.Equal("login_page", Assert.IsType<AuthenticationRequiredException>(Classify(200, html)).Reason);
    }

    [Fact]
    public void A_429_with_retry_after_seconds_carries_the_wait()
    {
        var error = Assert.IsType<RateLimitedException>(Classify(429, """{"message":"Please wait a few minutes before you try again.","require_login":true,"status":"fail"}""", ApiUrl, ("Retry-After", "120")));
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.True(error.IsRetryable);
        Assert.False(error.PausesAccount);
    }

    [Fact]
    public void A_429_with_an_http_date_retry_after_waits_until_then()
    {
        var error = Assert.IsType<RateLimitedException>(Classify(429, "", ApiUrl, ("retry-after", "Wed, 01 May 2024 12:05:00 GMT")));
        Assert.Equal(TimeSpan.FromMinutes(5), error.RetryAfter);
    }

    [Fact]
    public void A_429_without_retry_after_leaves_the_wait_to_configuration()
    {
        Assert.Null(Assert.IsType<RateLimitedException>(Classify(429, "")).RetryAfter);
        Assert.Null(Assert.IsType<RateLimitedException>(Classify(429, "", ApiUrl, ("Retry-After", "soon"))).RetryAfter);
    }

    [Fact]
    public void Please_wait_a_few_minutes_is_a_rate_limit_whatever_the_status()
    {
        Assert.IsType<RateLimitedException>(Classify(400, """{"message":"Please wait a few minutes before you try again.","status":"fail"}"""));
    }

    [Theory]
    [InlineData(500, "")]
    [InlineData(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData(503, """{"message":"Service Unavailable","status":"fail"}""")]
    [InlineData(504, "")]
    [InlineData(408, "")]
    public void Server_errors_and_timeouts_are_transient(int status, string body)
    {
        var error = Assert.IsType<TransientException>(Classify(status, body));
        Assert.True(error.IsRetryable);
        Assert.Equal(status, error.Status);
    }

    [Fact]
    public void A_503_passes_its_retry_after_on()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<TransientException>(Classify(503, "", ApiUrl, ("Retry-After", "30"))).RetryAfter);
    }

    [Theory]
    [InlineData("""{"message":"User not found","status":"fail"}""")]
    [InlineData("<html><body>Sorry, this page isn't available.</body></html>")]
    [InlineData("")]
    public void A_404_is_not_found(string body)
    {
        var error = Assert.IsType<NotFoundException>(Classify(404, body));
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void An_unknown_fail_body_is_rejected_with_instagrams_message()
    {
        var error = Assert.IsType<RequestRejectedException>(Classify(400, """{"message":"Invalid parameters","status":"fail"}"""));
        Assert.Equal("Invalid parameters", error.InstagramMessage);
        Assert.False(error.IsRetryable);
        Assert.IsType<RequestRejectedException>(Classify(200, """{"message":"something odd","status":"fail"}"""));
    }

    [Theory]
    [InlineData("""{"status":"ok"}""")]
    [InlineData("""{"data":{"user":{"id":"1","username":"a"}},"status":"ok"}""")]
    [InlineData("{\"data\":{\"user\":")] // broken JSON is the parser's to call transient
    [InlineData("")]
    public void A_2xx_without_an_error_body_is_success(string body)
    {
        Assert.Null(Classify(200, body));
    }

    [Fact]
    [CoversFixture("mobile_timeline_feed.json")]
    public void A_large_data_body_is_success()
    {
        Assert.Null(Classify(200, InstagramFixtures.Read("mobile_timeline_feed.json"), "https://www.instagram.com/api/v1/feed/timeline/?count=12"));
    }

    [Fact]
    public void Only_authentication_and_challenge_pause_the_account_and_they_are_never_retried()
    {
        InstagramException[] all =
        [
            new AuthenticationRequiredException("login_required"), new ChallengeRequiredException("challenge_required", null),
            new RateLimitedException(null), new ActionBlockedException(null, null, null, false), new NotFoundException("x"),
            new PrivateProfileException("p"), new TransientException("t"), new MalformedResponseException("s", "$", "p"),
            new RequestRejectedException(null, 400),
        ];
        Assert.Equal(Enum.GetValues<InstagramErrorKind>().Order(), all.Select(e => e.Kind).Order());
        Assert.Equal([InstagramErrorKind.AuthenticationRequired, InstagramErrorKind.ChallengeRequired], all.Where(e => e.PausesAccount).Select(e => e.Kind));
        Assert.Equal([InstagramErrorKind.RateLimited, InstagramErrorKind.Transient], all.Where(e => e.IsRetryable).Select(e => e.Kind));
    }
}
