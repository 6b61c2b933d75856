using System.Text.Json.Nodes;
using InstaIntel.Domain.Operations;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;

namespace InstaIntel.Storage.Tests.Repositories;

public sealed class FailureRepositoryTests
{
    private static readonly DateTime At = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    private static FailureReport Transient(string message, string correlation = "run-1", string account = "alice", DateTime? at = null) =>
        new("StoryIngestionActor", "story-ingestion", correlation, "TransientException", message, "   at A()\n   at B()", at ?? At, account,
            Metadata: new JsonObject { ["phase"] = "story_sync", ["attempt"] = 1 });

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_failure_is_stored_classified_with_its_account_and_metadata_and_opens_an_issue(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var failures = new FailureRepository(database.Factory());

        var recorded = await failures.RecordAsync(Transient("reel 1234 timed out"));

        var row = await failures.GetAsync(recorded.Failure.Id);
        Assert.NotNull(row);
        Assert.Equal(("StoryIngestionActor", "story-ingestion", "run-1"), (row.JobClass, row.QueueName, row.ActiveJobId));
        Assert.Equal(("TransientException", "reel 1234 timed out", "   at A()\n   at B()"), (row.ErrorClass, row.ErrorMessage, row.Backtrace));
        Assert.Equal((FailureKind.Transient, true, accountId), (row.FailureKind, row.Retryable, row.InstagramAccountId));
        Assert.Equal("story_sync", row.Metadata!["phase"]!.GetValue<string>());
        Assert.Equal("alice", row.Metadata["account"]!.GetValue<string>());
        Assert.Equal(At, row.OccurredAt);

        var issue = recorded.Issue;
        Assert.Equal((IssueStatus.Open, IssueSeverity.Error, 1, "job_failure", "story-ingestion"), (issue.Status, issue.Severity, issue.Occurrences, issue.IssueType, issue.Source));
        Assert.Equal((row.Id, (long?)accountId), (issue.BackgroundJobFailureId!.Value, issue.InstagramAccountId));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task N_identical_failures_are_N_rows_and_one_issue_with_N_occurrences(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await Parents.AccountAsync(database, "alice");
        var failures = new FailureRepository(database.Factory());
        var issues = new IssueRepository(database.Factory());

        // Differing only in numbers: the same issue. Concurrent writers meet in the unique fingerprint.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() =>
            failures.RecordAsync(Transient($"reel {1000 + i} timed out", $"run-{i}", at: At.AddMinutes(i))))));
        await failures.RecordAsync(Transient("something else broke"));

        Assert.Equal(6, (await failures.ListAsync(new FailureFilter())).Count);
        var listed = await issues.ListAsync(new IssueFilter());
        Assert.Equal(2, listed.Count);
        var grouped = Assert.Single(listed, i => i.Occurrences == 5);
        Assert.Equal(At, grouped.FirstSeenAt);
        Assert.True(grouped.LastSeenAt >= At);
        Assert.Equal(1, Assert.Single(listed, i => i != grouped).Occurrences);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_resolved_issue_that_recurs_reopens_and_keeps_counting(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await Parents.AccountAsync(database, "alice");
        var failures = new FailureRepository(database.Factory());
        var issues = new IssueRepository(database.Factory());
        var first = await failures.RecordAsync(Transient("reel 11 timed out"));

        var resolved = await issues.ResolveAsync(first.Issue.Id, "Instagram was down", At.AddHours(1));
        Assert.Equal((IssueStatus.Resolved, (DateTime?)At.AddHours(1), "Instagram was down"), (resolved!.Status, resolved.ResolvedAt, resolved.ResolutionNotes));

        var again = await failures.RecordAsync(Transient("reel 22 timed out", "run-2", at: At.AddHours(2)));

        Assert.Equal(first.Issue.Id, again.Issue.Id);
        Assert.Equal((IssueStatus.Open, (DateTime?)null, 2, At.AddHours(2)), (again.Issue.Status, again.Issue.ResolvedAt, again.Issue.Occurrences, again.Issue.LastSeenAt));
        Assert.Equal(again.Failure.Id, again.Issue.BackgroundJobFailureId);
        Assert.Null(await issues.ResolveAsync(987654, null, At));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task An_authentication_failure_is_never_retryable_and_raises_a_critical_issue(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await Parents.AccountAsync(database, "alice");
        var failures = new FailureRepository(database.Factory());

        var recorded = await failures.RecordAsync(new FailureReport("ProfileSyncActor", "profile-sync", "run-9", "AuthenticationRequiredException",
            "login_required", null, At, "alice", Authentication: true));

        Assert.Equal((FailureKind.Authentication, false), (recorded.Failure.FailureKind, recorded.Failure.Retryable));
        Assert.Equal((IssueSeverity.Critical, "authentication_required"), (recorded.Issue.Severity, recorded.Issue.IssueType));
        Assert.Empty(await failures.DueForRetryAsync(At.AddMinutes(1), TimeSpan.FromHours(72), TimeSpan.FromMinutes(10), 3, 20));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Failures_filter_by_kind_retryable_account_queue_and_time(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await Parents.AccountAsync(database, "alice");
        await Parents.AccountAsync(database, "bob");
        var failures = new FailureRepository(database.Factory());
        await failures.RecordAsync(Transient("t1"));
        await failures.RecordAsync(Transient("t2", account: "bob", at: At.AddHours(1)));
        await failures.RecordAsync(new FailureReport("FeedEngagementActor", "feed-engagement", "run-3", "ArgumentException", "bad", null, At.AddHours(2), "alice"));

        Assert.Equal(["bad", "t2", "t1"], (await failures.ListAsync(new FailureFilter())).Select(f => f.ErrorMessage));
        Assert.Equal(["bad"], (await failures.ListAsync(new FailureFilter(Kind: FailureKind.Runtime))).Select(f => f.ErrorMessage));
        Assert.Equal(["bad"], (await failures.ListAsync(new FailureFilter(Retryable: false))).Select(f => f.ErrorMessage));
        Assert.Equal(["t2"], (await failures.ListAsync(new FailureFilter(Account: "bob"))).Select(f => f.ErrorMessage));
        Assert.Equal(["bad"], (await failures.ListAsync(new FailureFilter(Queue: "feed-engagement"))).Select(f => f.ErrorMessage));
        Assert.Equal(["bad", "t2"], (await failures.ListAsync(new FailureFilter(Since: At.AddMinutes(30)))).Select(f => f.ErrorMessage));
        Assert.Equal(["bad"], (await failures.ListAsync(new FailureFilter(Limit: 1))).Select(f => f.ErrorMessage));
        Assert.Empty(await failures.ListAsync(new FailureFilter(Account: "nobody")));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_retry_window_honours_age_attempts_cooldown_and_batch(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await Parents.AccountAsync(database, "alice");
        var failures = new FailureRepository(database.Factory());
        var now = At.AddHours(1);
        var tooOld = await failures.RecordAsync(Transient("old", at: now.AddHours(-73)));
        var a = await failures.RecordAsync(Transient("a", at: now.AddMinutes(-50)));
        var b = await failures.RecordAsync(Transient("b", at: now.AddMinutes(-40)));
        var c = await failures.RecordAsync(Transient("c", at: now.AddMinutes(-30)));
        await failures.RecordAsync(new FailureReport("http", "GET /x", "trace", "TimeoutException", "timed out", null, now.AddMinutes(-20), Reissuable: false));

        async Task<long[]> Due(DateTime at, int batch = 20) =>
            (await failures.DueForRetryAsync(at, TimeSpan.FromHours(72), TimeSpan.FromMinutes(10), maxAttempts: 2, batch)).Select(f => f.Id).ToArray();

        Assert.Equal([a.Failure.Id, b.Failure.Id, c.Failure.Id], await Due(now));
        Assert.Equal([a.Failure.Id], await Due(now, batch: 1));

        await failures.RecordRetryAttemptAsync(a.Failure.Id, now, "not_started: backoff");
        Assert.Equal([b.Failure.Id, c.Failure.Id], await Due(now.AddMinutes(5)));   // a cools down
        Assert.Equal([a.Failure.Id, b.Failure.Id, c.Failure.Id], await Due(now.AddMinutes(10)));

        var twice = await failures.RecordRetryAttemptAsync(a.Failure.Id, now.AddMinutes(10), "accepted");
        Assert.Equal(new RetryState(2, now.AddMinutes(10), "accepted"), RetryState.Of(twice!));
        Assert.Equal([b.Failure.Id, c.Failure.Id], await Due(now.AddHours(1)));     // a used its attempts
        Assert.DoesNotContain(tooOld.Failure.Id, await Due(now));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Old_failures_are_purged_and_their_issue_keeps_its_count(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await Parents.AccountAsync(database, "alice");
        var failures = new FailureRepository(database.Factory());
        var issues = new IssueRepository(database.Factory());
        var old = await failures.RecordAsync(Transient("boom", at: At.AddDays(-31)));
        var recent = await failures.RecordAsync(new FailureReport("X", "other", "r", "InvalidOperationException", "other", null, At, "alice"));

        Assert.Equal(1, await failures.PurgeAsync(At.AddDays(-30)));

        Assert.Null(await failures.GetAsync(old.Failure.Id));
        Assert.NotNull(await failures.GetAsync(recent.Failure.Id));
        var kept = await issues.GetAsync(old.Issue.Id);
        Assert.Equal((1, (long?)null), (kept!.Occurrences, kept.BackgroundJobFailureId));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_health_check_raises_and_resolves_its_own_issue_by_fingerprint(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var issues = new IssueRepository(database.Factory());
        var report = new IssueReport("queue_backlog", "story-ingestion", IssueSeverity.Warn, "Backlog above threshold", "120 > 100", "story_pipelines");

        await issues.RaiseAsync(report, At);
        var raised = await issues.RaiseAsync(report, At.AddMinutes(1));
        Assert.Equal((2, IssueStatus.Open), (raised.Occurrences, raised.Status));
        Assert.Equal([raised.Id], (await issues.ListAsync(new IssueFilter(Status: IssueStatus.Open, IssueType: "queue_backlog"))).Select(i => i.Id));

        Assert.True(await issues.ResolveAsync(report.Fingerprint, "back under threshold", At.AddMinutes(2)));
        Assert.False(await issues.ResolveAsync(report.Fingerprint, "again", At.AddMinutes(3)));
        Assert.Empty(await issues.ListAsync(new IssueFilter(Status: IssueStatus.Open)));
        Assert.Equal("back under threshold", (await issues.GetAsync(report.Fingerprint))!.ResolutionNotes);
    }
}
