using System.Net.Http.Json;
using System.Text.RegularExpressions;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Security;
using InstaIntel.Storage;
using InstaIntel.Storage.Operations;
using InstaIntel.Testing;

namespace InstaIntel.Cli.Tests;

/// <summary>One real node process on a fresh SQLite database, with failures recorded in that database.</summary>
public sealed class SingleNode : IAsyncLifetime
{
    public const string ApiKey = "ii_cli-tests-key-for-the-failures-node";
    private readonly string _work = Path.Combine(Path.GetTempPath(), "instaintel-cli-tests", Guid.NewGuid().ToString("N")[..12]);

    public TestDatabase Database { get; private set; } = null!;
    public NodeProcess Node { get; private set; } = null!;
    public IReadOnlyDictionary<string, string?> Variables => new Dictionary<string, string?> { [CliEnvironment.ApiKeyVariable] = ApiKey };

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite, migrate: true);
        var port = FreePort.Next();
        Node = NodeProcess.Start(_work, "node-1", port, $"akka.tcp://instaintel@127.0.0.1:{port}", new Dictionary<string, string>
        {
            ["InstaIntel:Storage:Engine"] = "Sqlite",
            ["InstaIntel:Storage:ConnectionString"] = Database.Storage.ConnectionString,
            ["InstaIntel:Security:ApiKeyHashes:0"] = ApiKeySecret.Hash(ApiKey),
            ["InstaIntel:Vault:KeyFile"] = Path.Combine(_work, "vault.key"),
            ["InstaIntel:Failures:Retry:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        using var http = new HttpClient { BaseAddress = Node.Http, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (Node.HasExited) throw new InvalidOperationException($"the node exited while starting:\n{Node.Tail()}");
            try
            {
                using var response = await http.PostAsJsonAsync("/api/accounts", new { username = "cli_failing" });
                if (response.StatusCode == System.Net.HttpStatusCode.Created) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"the node did not start:\n{Node.Tail()}");
            await Task.Delay(1000);
        }
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Database.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary><c>failures</c> and <c>issues</c> against a live node.</summary>
public sealed class FailuresCliTests(SingleNode fixture) : IClassFixture<SingleNode>
{
    private Task<CliRun> Cli(params string[] args) => CliRun.RunAsync(fixture.Variables, null, [.. args, "--node", fixture.Node.Http.ToString()]);

    private Task<RecordedFailure> FailAsync(string errorClass, string message, bool authentication = false) =>
        new FailureRepository(fixture.Database.Factory()).RecordAsync(new FailureReport("story_sync", "story-ingestion", Guid.NewGuid().ToString(),
            errorClass, message, "   at Somewhere()", DateTime.UtcNow, "cli_failing", Authentication: authentication));

    [Fact]
    public async Task Failures_list_prints_aligned_rows_show_prints_the_backtrace_and_json_parses()
    {
        var transient = await FailAsync("TransientException", "reel 4711 timed out");
        var auth = await FailAsync("AuthenticationRequiredException", "login_required: list", authentication: true);

        var table = await Cli("failures", "list", "--account", "cli_failing");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^\s*ID\s+OCCURRED \(UTC\)\s+KIND\s+RETRY\s+QUEUE\s+ACCOUNT\s+ERROR", table.Lines[0]);
        Assert.Matches(new Regex($@"^\s*{transient.Failure.Id}\s+\S+ \S+\s+transient\s+yes \(0\)\s+story-ingestion\s+cli_failing\s+TransientException: reel 4711"), Assert.Single(table.Lines, l => l.Contains("reel 4711")));
        Assert.Matches(new Regex($@"^\s*{auth.Failure.Id}\s+\S+ \S+\s+authentication\s+no\s+story-ingestion"), Assert.Single(table.Lines, l => l.Contains("login_required: list")));

        var json = await Cli("failures", "list", "--kind", "authentication", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        // The class's other tests write failures into the same database: only the kinds and this test's rows are certain.
        var listed = json.Json().GetProperty("failures").EnumerateArray().ToList();
        Assert.Contains(listed, f => f.GetProperty("id").GetInt64() == auth.Failure.Id);
        Assert.DoesNotContain(listed, f => f.GetProperty("id").GetInt64() == transient.Failure.Id);
        Assert.All(listed, f => Assert.Equal("authentication", f.GetProperty("kind").GetString()));

        var show = await Cli("failures", "show", transient.Failure.Id.ToString());
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(show.Lines, l => l.StartsWith("backtrace") && l.Contains("at Somewhere()"));
        Assert.Contains(show.Lines, l => Regex.IsMatch(l, @"^kind\s+transient\s*$"));

        var bad = await Cli("failures", "list", "--kind", "sometimes");
        Assert.Equal(ExitCodes.Failed, bad.ExitCode);
        Assert.Contains("Invalid kind", bad.Error);
    }

    [Fact]
    public async Task Failures_retry_refuses_an_authentication_failure_with_its_reason_and_exit_code()
    {
        var auth = await FailAsync("AuthenticationRequiredException", "login_required: retry", authentication: true);
        var transient = await FailAsync("TransientException", "feed 12 timed out");

        var refused = await Cli("failures", "retry", auth.Failure.Id.ToString());
        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("Retry refused", refused.Error);
        Assert.Contains("never retried", refused.Error);

        // Sent to the entity, which has no session yet and says so.
        var notStarted = await Cli("failures", "retry", transient.Failure.Id.ToString());
        Assert.Equal(ExitCodes.Failed, notStarted.ExitCode);
        Assert.Contains("Run not started", notStarted.Error);

        var missing = await Cli("failures", "show", "999999");
        Assert.Equal(ExitCodes.Failed, missing.ExitCode);
        Assert.Contains("Failure not found", missing.Error);
    }

    [Fact]
    public async Task Issues_list_show_and_resolve()
    {
        await FailAsync("InvalidOperationException", "pipeline 31 lost its place");
        var second = await FailAsync("InvalidOperationException", "pipeline 42 lost its place");
        var id = second.Issue.Id.ToString();

        var table = await Cli("issues", "list", "--status", "open");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^\s*ID\s+SEVERITY\s+STATUS\s+COUNT\s+LAST SEEN \(UTC\)\s+TYPE\s+SOURCE\s+TITLE", table.Lines[0]);
        Assert.Matches(new Regex($@"^\s*{id}\s+error\s+open\s+2\s+\S+ \S+\s+job_failure\s+story-ingestion\s+InvalidOperationException"), Assert.Single(table.Lines, l => Regex.IsMatch(l, $@"^\s*{id}\s")));

        var resolved = await Cli("issues", "resolve", id, "--notes", "fixed the pipeline", "--json");
        Assert.True(resolved.ExitCode == 0, resolved.ToString());
        Assert.Equal("resolved", resolved.Json().GetProperty("status").GetString());

        var show = await Cli("issues", "show", id);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(show.Lines, l => Regex.IsMatch(l, @"^resolution notes\s+fixed the pipeline\s*$"));
        Assert.Contains(show.Lines, l => Regex.IsMatch(l, @"^occurrences\s+2\s*$"));
    }
}
