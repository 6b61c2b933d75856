using System.Net;
using InstaIntel.Testing;

namespace InstaIntel.Cli.Tests;

public sealed class ExitCodeTests
{
    private static readonly Dictionary<string, string?> WithKey = new() { [CliEnvironment.ApiKeyVariable] = "ii_test" };

    [Fact]
    public async Task An_unreachable_node_exits_3_and_names_the_address()
    {
        var port = FreePort.Next(); // free a moment ago: nothing listens there
        var run = await CliRun.RunAsync(WithKey, null, "cluster", "show", "--node", $"http://127.0.0.1:{port}");

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains($"cannot reach the node at http://127.0.0.1:{port}/", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_refused_key_exits_4_and_says_where_the_key_comes_from()
    {
        var node = new StubNode(HttpStatusCode.Unauthorized, "");
        var run = await CliRun.RunAsync(WithKey, node, "cluster", "show");

        Assert.Equal(ExitCodes.Unauthorized, run.ExitCode);
        Assert.Contains("refused the API key (401)", run.Error);
        Assert.Contains(CliEnvironment.ApiKeyVariable, run.Error);
        Assert.Equal("ii_test", node.Requests.Single().Headers.GetValues("X-Api-Key").Single());
    }

    [Fact]
    public async Task A_missing_key_is_named_as_missing()
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string?>(), new StubNode(HttpStatusCode.Unauthorized, ""), "db", "migrate");

        Assert.Equal(ExitCodes.Unauthorized, run.ExitCode);
        Assert.Contains("needs an API key", run.Error);
    }

    [Fact]
    public async Task A_problem_answer_exits_1_with_its_title_and_detail()
    {
        var node = StubNode.Problem(HttpStatusCode.Conflict, "Run not started", "A run is already in flight.");
        var run = await CliRun.RunAsync(WithKey, node, "accounts", "run", "alice");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("Run not started: A run is already in flight. (409 from POST http://127.0.0.1:5080/api/accounts/alice/run)", run.Error);
        Assert.Equal(HttpMethod.Post, node.Requests.Single().Method);
    }

    [Fact]
    public async Task Not_found_exits_1_with_the_problem()
    {
        var node = StubNode.Problem(HttpStatusCode.NotFound, "Account not found", "No account named 'ghost' is managed.");
        var run = await CliRun.RunAsync(WithKey, node, "accounts", "show", "ghost");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("Account not found: No account named 'ghost' is managed.", run.Error);
    }

    [Theory]
    [InlineData("cluster", "nonsense")]
    [InlineData("cluster", "leave")]
    [InlineData("accounts", "list", "--limit", "many")]
    public async Task A_wrong_command_line_exits_2(params string[] args)
    {
        var run = await CliRun.RunAsync(WithKey, new StubNode(HttpStatusCode.OK, "{}"), args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("instaintel: ", run.Error);
    }

    [Fact]
    public async Task A_bad_node_url_or_a_missing_key_file_exits_2()
    {
        var badUrl = await CliRun.RunAsync(WithKey, null, "cluster", "show", "--node", "127.0.0.1:5080");
        Assert.Equal(ExitCodes.Usage, badUrl.ExitCode);
        Assert.Contains("--node must be an http(s) URL", badUrl.Error);

        var noFile = await CliRun.RunAsync(WithKey, null, "cluster", "show", "--api-key-file", "/nonexistent/instaintel.key");
        Assert.Equal(ExitCodes.Usage, noFile.ExitCode);
        Assert.Contains("cannot read the API key file", noFile.Error);
    }

    [Fact]
    public async Task The_key_file_wins_over_the_variable()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "ii_from_file\n");
        try
        {
            var node = new StubNode(HttpStatusCode.OK, "{\"regions\":[\"account\"]}");
            var run = await CliRun.RunAsync(WithKey, node, "cluster", "sharding", "regions", "--api-key-file", file, "--json");

            Assert.Equal(ExitCodes.Ok, run.ExitCode);
            Assert.Equal("ii_from_file", node.Requests.Single().Headers.GetValues("X-Api-Key").Single());
            Assert.Equal("account", run.Json().GetProperty("regions")[0].GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Run_prints_the_run_id_and_phase_from_either_json_naming()
    {
        var snake = await CliRun.RunAsync(WithKey, new StubNode(HttpStatusCode.Accepted, "{\"run_id\":\"7f3c\",\"phase\":\"story_sync\"}"), "accounts", "run", "alice");
        Assert.Equal(ExitCodes.Ok, snake.ExitCode);
        Assert.Equal("run 7f3c of alice started with phase story_sync", snake.Lines.Single());

        var camel = await CliRun.RunAsync(WithKey, new StubNode(HttpStatusCode.Accepted, "{\"runId\":\"8a1d\",\"phase\":\"profile_scan\"}"), "accounts", "run", "alice");
        Assert.Equal("run 8a1d of alice started with phase profile_scan", camel.Lines.Single());
    }
}
