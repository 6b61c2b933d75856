using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InstaIntel.Simulator.Faults;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace InstaIntel.Simulator.Tests.Faults;

public sealed class FaultInjectionTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Simulator => fixture.Simulator;
    private const string ProfileInfo = "/api/v1/users/web_profile_info/?username=demo_alt";

    private static async Task<(HttpResponseMessage Response, JsonNode? Body)> Get(WebSession client, string path, string fault)
    {
        var response = await client.GetAsync(path, fault);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
        }
        return (response, body);
    }

    [Fact]
    public async Task Rate_limit_answers_429_with_retry_after_and_the_documented_body()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var (response, body) = await Get(client, ProfileInfo, "rate_limit;retry_after=2");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        var documented = InstagramFixtures.Load("errors_documented.json")["rate_limited"]!;
        Assert.Equal(documented["http_status"]!.GetValue<int>(), (int)response.StatusCode);
        Assert.Equal(documented["body"]!["message"]!.GetValue<string>(), body!["message"]!.GetValue<string>());
        JsonPaths.AssertShared(documented["body"]!, body, ["message", "require_login", "status"]);
    }

    [Theory]
    [InlineData("login_required", 403)]
    [InlineData("login_required;status=401", 401)]
    public async Task Login_required_answers_the_documented_body(string fault, int status)
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var (response, body) = await Get(client, ProfileInfo, fault);

        Assert.Equal(status, (int)response.StatusCode);
        var documented = InstagramFixtures.Load("errors_documented.json")["login_required"]!["body"]!;
        JsonPaths.AssertShared(documented, body!, ["message", "logout_reason", "status"]);
        Assert.Equal("login_required", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Checkpoint_required_answers_400_with_both_documented_shapes()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var (response, body) = await Get(client, ProfileInfo, "checkpoint_required");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("checkpoint_required", body!["message"]!.GetValue<string>());
        JsonPaths.AssertShared(InstagramFixtures.Load("errors_documented.json")["checkpoint_required"]!["body"]!, body, ["message", "checkpoint_url", "lock", "status"]);
        JsonPaths.AssertShared(InstagramFixtures.Load("error_checkpoint_challenge_required.json"), body,
            ["challenge.url", "challenge.api_path", "challenge.lock", "challenge.native_flow", "error_type", "status"]);
    }

    [Fact]
    public async Task Challenge_required_answers_the_captured_login_challenge()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var (response, body) = await Get(client, ProfileInfo, "challenge_required");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var captured = InstagramFixtures.Load("error_challenge_required_login.json");
        JsonPaths.AssertShared(captured, body!, ["message", "challenge.url", "challenge.api_path", "challenge.lock", "challenge.logout",
            "challenge.native_flow", "challenge.flow_render_type", "status"]);
        Assert.Equal(captured["message"]!.GetValue<string>(), body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Feedback_required_answers_400_with_the_captured_and_documented_fields()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var (response, body) = await Get(client, ProfileInfo, "feedback_required");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonPaths.AssertShared(InstagramFixtures.Load("error_feedback_required.json"), body!,
            ["message", "spam", "feedback_title", "feedback_message", "feedback_url", "feedback_action", "feedback_appeal_label", "feedback_ignore_label", "status"]);
        Assert.Equal("feedback_required", body!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("server_error", 500)]
    [InlineData("server_error;status=503", 503)]
    [InlineData("server_error;status=502;body=empty", 502)]
    public async Task Server_errors_answer_5xx_without_json(string fault, int status)
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var (response, body) = await Get(client, ProfileInfo, fault);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Null(body);
    }

    [Fact]
    public async Task Slow_delays_the_response_and_then_serves_it()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var watch = Stopwatch.StartNew();
        var (response, body) = await Get(client, ProfileInfo, "slow;delay_ms=400");

        Assert.True(watch.ElapsedMilliseconds >= 380, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("demo_alt", body!["data"]!["user"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task Truncated_serves_200_with_a_prefix_of_the_real_body_that_does_not_parse()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var whole = await (await client.GetAsync(ProfileInfo)).Content.ReadAsStringAsync();
        using var response = await client.GetAsync(ProfileInfo, "truncated;keep=0.3");
        var cut = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(cut.Length > 0 && cut.Length < whole.Length);
        Assert.StartsWith(cut, whole);
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(cut));
    }

    [Fact]
    public async Task A_bad_fault_header_is_refused_naming_the_problem()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var (response, body) = await Get(client, ProfileInfo, "rate_limit;retry_afterr=2");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("retry_afterr", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Html_pages_with_login_required_redirect_to_the_login_page()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        using var response = await client.GetAsync("/demo_user/", "login_required");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/accounts/login/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Faults_are_recorded_in_the_request_log()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var marker = $"/api/v1/users/web_profile_info/?username=demo_user&marker={Guid.NewGuid():N}";
        await client.GetAsync(marker, "slow;delay_ms=1,rate_limit;retry_after=5");

        var record = Assert.Single(Simulator.Requests, r => r.PathAndQuery == marker);
        Assert.Equal("slow;delay_ms=1,rate_limit;retry_after=5", record.Fault);
        Assert.Equal(429, record.StatusCode);
        Assert.Equal("demo_user", record.Username);
    }

    [Fact]
    public void Fault_specs_parse_and_reject_as_documented()
    {
        var specs = FaultSpec.ParseList("slow;delay_ms=250, truncated;keep=0.2");
        Assert.Equal([FaultKind.Slow, FaultKind.Truncated], specs.Select(s => s.Kind));
        Assert.Equal(250, specs[0].DelayMilliseconds);
        Assert.Equal(0.2, specs[1].KeepFraction);
        Assert.Throws<FormatException>(() => FaultSpec.ParseList("teapot"));
        Assert.Throws<FormatException>(() => FaultSpec.ParseList("rate_limit,server_error"));
        Assert.Throws<FormatException>(() => FaultSpec.ParseList("server_error;status=404"));
    }
}

/// <summary>Faults from configuration, each on its own simulator since they change every request.</summary>
public sealed class ConfiguredFaultTests
{
    private static SimulatorOptions Options(Action<FaultOptions> faults)
    {
        var options = SimulatorFixture.Options(profiles: 300);
        faults(options.Faults);
        return options;
    }

    [Fact]
    public async Task Sessions_of_an_account_die_after_the_configured_number_of_requests()
    {
        await using var simulator = await SimulatorHost.StartAsync(Options(f => f.SessionExpiresAfterRequests["demo_user"] = 3), new FakeTimeProvider(SimulatorFixture.Start));
        using var demo = await WebSession.LoginAsync(simulator);
        using var other = await WebSession.LoginAsync(simulator, "demo_alt");

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("/api/v1/accounts/current_user/")).StatusCode);
        using var fourth = await demo.GetAsync("/api/v1/accounts/current_user/");
        using var fifth = await demo.GetAsync("/api/v1/feed/reels_tray/");

        Assert.Equal(HttpStatusCode.Forbidden, fourth.StatusCode);
        Assert.Contains("login_required", await fourth.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, fifth.StatusCode);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/accounts/current_user/")).StatusCode);

        using var again = await WebSession.LoginAsync(simulator);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/accounts/current_user/")).StatusCode);
    }

    [Fact]
    public async Task A_rule_skips_then_applies_its_fault_the_given_number_of_times_on_matching_paths()
    {
        var rule = new FaultRule { Fault = "rate_limit;retry_after=30", PathPrefix = "/graphql/query/", Skip = 2, Times = 2 };
        await using var simulator = await SimulatorHost.StartAsync(Options(f => f.Rules.Add(rule)), new FakeTimeProvider(SimulatorFixture.Start));
        using var client = await WebSession.LoginAsync(simulator);
        var query = WebSession.GraphQl(InstaIntel.Simulator.Api.QueryHashes.Followers, new { id = simulator.DemoAccount.IdText, first = 5 });

        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
            statuses.Add((int)(await client.GetAsync(query)).StatusCode);
        var elsewhere = await client.GetAsync("/api/v1/accounts/current_user/");

        Assert.Equal([200, 200, 429, 429, 200, 200], statuses);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Rules_added_at_run_time_target_one_account()
    {
        await using var simulator = await SimulatorHost.StartAsync(SimulatorFixture.Options(profiles: 300), new FakeTimeProvider(SimulatorFixture.Start));
        using var demo = await WebSession.LoginAsync(simulator);
        using var other = await WebSession.LoginAsync(simulator, "demo_alt");
        simulator.Faults.Add("feedback_required", account: "demo_alt");

        var post = simulator.Network.PostsOf("demo_user")[0];
        using var blocked = await other.PostFormAsync($"/api/v1/web/likes/{post.MediaId}/like/");
        using var allowed = await demo.PostFormAsync($"/api/v1/web/likes/{post.MediaId}/like/");

        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        Assert.Contains("feedback_required", await blocked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(["demo_user"], simulator.Likes.Select(l => l.Username));
    }
}
