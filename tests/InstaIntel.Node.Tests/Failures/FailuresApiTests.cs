using System.Net;
using System.Net.Http.Json;
using InstaIntel.Domain.Operations;
using InstaIntel.Node.Admin;
using InstaIntel.Node.Failures;
using InstaIntel.Storage;
using InstaIntel.Storage.Operations;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Node.Tests.Failures;

/// <summary>A node on real Kestrel whose retry sweep is off, so each test drives it by hand.</summary>
public sealed class FailuresNode : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public RunningNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        Node = await RunningNode.StartAsync(Database.Storage, new Dictionary<string, string?> { ["InstaIntel:Failures:Retry:Enabled"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class FailuresApiTests(FailuresNode fixture) : IClassFixture<FailuresNode>
{
    private RunningNode Node => fixture.Node;
    private FailureRepository Failures => Node.Services.GetRequiredService<FailureRepository>();

    private async Task<string> AccountAsync()
    {
        var username = $"acct_{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await Node.Http.PostAsJsonAsync("/api/accounts", new { username })).StatusCode);
        // A failure names its account by the row the entity projects after answering: wait for it, as a real failure
        // (raised by the account's own work) always comes after it.
        var accounts = Node.Services.GetRequiredService<InstaIntel.Storage.Accounts.AccountRepository>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await accounts.FindAsync(username) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"account {username} has no row 30 s after it was created");
            await Task.Delay(50);
        }
        return username;
    }

    private Task<RecordedFailure> FailAsync(string account, string errorClass = "TransientException", string message = "reel 1234 timed out", DateTime? at = null,
        bool authentication = false) =>
        Failures.RecordAsync(new FailureReport("story_sync", "story-ingestion", Guid.NewGuid().ToString(), errorClass, message, "   at Somewhere()",
            at ?? DateTime.UtcNow, account, Authentication: authentication));

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
    }

    [Fact]
    public async Task Failures_list_filters_and_show_returns_the_backtrace_and_metadata()
    {
        var alice = await AccountAsync();
        var transient = await FailAsync(alice);
        var runtime = await FailAsync(alice, "ArgumentException", "bad input");

        var all = await Node.ReadAsync<FailureListView>(await Node.Http.GetAsync($"/api/admin/failures?account={alice}"));
        Assert.Equal([runtime.Failure.Id, transient.Failure.Id], all.Failures.Select(f => f.Id));
        Assert.All(all.Failures, f => Assert.Null(f.Backtrace));

        var onlyTransient = await Node.ReadAsync<FailureListView>(await Node.Http.GetAsync($"/api/admin/failures?account={alice}&kind=transient&retryable=true"));
        var row = Assert.Single(onlyTransient.Failures);
        Assert.Equal((transient.Failure.Id, FailureKind.Transient, "story-ingestion", alice), (row.Id, row.Kind, row.Queue, row.Account));

        var json = await Node.Http.GetStringAsync($"/api/admin/failures/{transient.Failure.Id}");
        Assert.Contains("\"kind\":\"transient\"", json);
        var shown = System.Text.Json.JsonSerializer.Deserialize<FailureView>(json, RunningNode.Json)!;
        Assert.Equal("   at Somewhere()", shown.Backtrace);
        Assert.Equal(alice, shown.Metadata!["account"]!.GetValue<string>());

        Assert.Equal("Failure not found", (await ProblemAsync(await Node.Http.GetAsync("/api/admin/failures/999999"), HttpStatusCode.NotFound)).Title);
        Assert.Equal("Invalid kind", (await ProblemAsync(await Node.Http.GetAsync("/api/admin/failures?kind=sometimes"), HttpStatusCode.BadRequest)).Title);
        Assert.Equal("Invalid limit", (await ProblemAsync(await Node.Http.GetAsync("/api/admin/failures?limit=0"), HttpStatusCode.BadRequest)).Title);
    }

    [Fact]
    public async Task Retry_refuses_authentication_failures_with_a_reason_and_reissues_the_rest_to_the_entity()
    {
        var bob = await AccountAsync();
        var auth = await FailAsync(bob, "AuthenticationRequiredException", "login_required", authentication: true);
        var transient = await FailAsync(bob);

        var refused = await ProblemAsync(await Node.Http.PostAsync($"/api/admin/failures/{auth.Failure.Id}/retry", null), HttpStatusCode.Conflict);
        Assert.Equal("Retry refused", refused.Title);
        Assert.Contains("never retried", refused.Detail);
        Assert.Equal("refused: authentication", refused.Extensions["outcome"]!.ToString());
        Assert.Equal(0, RetryState.Of((await Failures.GetAsync(auth.Failure.Id))!).Attempts);

        // The entity answers: this account has no session yet, so it starts no run, and says why.
        var notStarted = await ProblemAsync(await Node.Http.PostAsync($"/api/admin/failures/{transient.Failure.Id}/retry", null), HttpStatusCode.Conflict);
        Assert.Equal("Run not started", notStarted.Title);
        Assert.Equal("not_started: authentication_required", notStarted.Extensions["outcome"]!.ToString());
        var counted = RetryState.Of((await Failures.GetAsync(transient.Failure.Id))!);
        Assert.Equal((1, "not_started: authentication_required"), (counted.Attempts, counted.LastOutcome));

        Assert.Equal(HttpStatusCode.NotFound, (await Node.Http.PostAsync("/api/admin/failures/999999/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Node.Anonymous.PostAsync($"/api/admin/failures/{transient.Failure.Id}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task The_sweep_retries_within_its_limits_one_run_per_account_and_purges_old_failures()
    {
        var carol = await AccountAsync();
        var now = DateTime.UtcNow;
        var first = await FailAsync(carol, at: now.AddMinutes(-30));
        var second = await FailAsync(carol, message: "other 77 thing", at: now.AddMinutes(-20));
        var auth = await FailAsync(carol, "AuthenticationRequiredException", "login_required", now.AddMinutes(-10), authentication: true);
        var tooOld = await FailAsync(carol, at: now.AddHours(-80));
        var expired = await FailAsync(carol, at: now.AddDays(-31));
        var sweep = Node.Services.GetRequiredService<FailureRetrySweep>();

        var results = await sweep.SweepAsync(now, CancellationToken.None);

        var mine = results.Where(r => r.Account == carol).ToList();
        Assert.Equal([first.Failure.Id, second.Failure.Id], mine.Select(r => r.FailureId));
        Assert.Equal("not_started: authentication_required", mine[0].Outcome);
        Assert.StartsWith($"covered_by: failure {first.Failure.Id}", mine[1].Outcome);
        Assert.DoesNotContain(results, r => r.FailureId == auth.Failure.Id || r.FailureId == tooOld.Failure.Id);
        Assert.Null(await Failures.GetAsync(expired.Failure.Id));

        // Cooldown, then the attempt limit (3).
        Assert.DoesNotContain(await sweep.SweepAsync(now.AddMinutes(5), CancellationToken.None), r => r.Account == carol);
        Assert.Contains(await sweep.SweepAsync(now.AddMinutes(11), CancellationToken.None), r => r.FailureId == first.Failure.Id);
        Assert.Contains(await sweep.SweepAsync(now.AddMinutes(22), CancellationToken.None), r => r.FailureId == first.Failure.Id);
        Assert.DoesNotContain(await sweep.SweepAsync(now.AddMinutes(33), CancellationToken.None), r => r.Account == carol);
        Assert.Equal(3, RetryState.Of((await Failures.GetAsync(first.Failure.Id))!).Attempts);
    }

    [Fact]
    public async Task Issues_list_show_and_resolve_and_a_recurrence_reopens()
    {
        var dan = await AccountAsync();
        await FailAsync(dan, message: "feed 11 broke");
        var again = await FailAsync(dan, message: "feed 22 broke");
        var id = again.Issue.Id;

        var open = await Node.ReadAsync<IssueListView>(await Node.Http.GetAsync("/api/admin/issues?status=open&type=job_failure"));
        var issue = Assert.Single(open.Issues, i => i.Id == id);
        Assert.Equal((2, IssueSeverity.Error, IssueStatus.Open), (issue.Occurrences, issue.Severity, issue.Status));

        using var resolve = await Node.Http.PostAsJsonAsync($"/api/admin/issues/{id}/resolve", new { notes = "Instagram recovered" });
        var resolved = await Node.ReadAsync<IssueView>(resolve);
        Assert.Equal((IssueStatus.Resolved, "Instagram recovered"), (resolved.Status, resolved.ResolutionNotes));
        Assert.DoesNotContain((await Node.ReadAsync<IssueListView>(await Node.Http.GetAsync("/api/admin/issues?status=open"))).Issues, i => i.Id == id);

        await FailAsync(dan, message: "feed 33 broke");
        var reopened = await Node.ReadAsync<IssueView>(await Node.Http.GetAsync($"/api/admin/issues/{id}"));
        Assert.Equal((IssueStatus.Open, 3), (reopened.Status, reopened.Occurrences));

        Assert.Equal("Invalid status", (await ProblemAsync(await Node.Http.GetAsync("/api/admin/issues?status=closed"), HttpStatusCode.BadRequest)).Title);
        Assert.Equal(HttpStatusCode.NotFound, (await Node.Http.PostAsync("/api/admin/issues/999999/resolve", null)).StatusCode);
    }

    [Fact]
    public async Task An_unhandled_500_is_recorded_as_an_http_failure_that_is_never_retried()
    {
        // Take a table away under the running node: the accounts list fails with the database's own error.
        await using (var db = fixture.Database.Factory().Open())
            await db.ExecuteAsync("ALTER TABLE instagram_accounts RENAME TO instagram_accounts_away");
        try
        {
            var problem = await ProblemAsync(await Node.Http.GetAsync("/api/accounts"), HttpStatusCode.InternalServerError);
            Assert.DoesNotContain("instagram_accounts", problem.Detail);   // no internals in the answer
        }
        finally
        {
            await using var db = fixture.Database.Factory().Open();
            await db.ExecuteAsync("ALTER TABLE instagram_accounts_away RENAME TO instagram_accounts");
        }

        var row = Assert.Single(await Failures.ListAsync(new FailureFilter(Queue: "GET /api/accounts")));
        Assert.Equal(("http", "SqliteException", FailureKind.Runtime, false), (row.JobClass, row.ErrorClass, row.FailureKind, row.Retryable));
        Assert.Contains("no such table", row.ErrorMessage);
        Assert.Equal(500, row.Metadata!["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(row.ActiveJobId));
    }
}
